package dev.symphony.yjs;

import dev.symphony.yjs.codec.Json;
import dev.symphony.yjs.codec.Lib0Writer;
import java.util.Collections;
import java.util.List;

/** An embed in a text (an image, a mention, ...): a JSON value kept as the JSON text it came as. */
final class ContentEmbed implements UnitContent {
  static final int REF = 5;
  private final String json;
  private final Object value;

  ContentEmbed(String json, Object value) {
    this.json = json;
    this.value = value;
  }

  static ContentEmbed of(Object value) {
    return new ContentEmbed(Json.stringify(value), value);
  }

  Object value() {
    return value;
  }

  @Override
  public void write(Lib0Writer out, int offset) {
    out.writeVarString(json);
  }

  @Override
  public int ref() {
    return REF;
  }

  @Override
  public List<Object> values() {
    return Collections.singletonList(value);
  }
}
