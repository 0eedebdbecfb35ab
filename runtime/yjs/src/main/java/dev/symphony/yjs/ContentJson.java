package dev.symphony.yjs;

import dev.symphony.yjs.codec.Json;
import dev.symphony.yjs.codec.Lib0Writer;
import dev.symphony.yjs.codec.Undefined;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * List elements stored as JSON text (an older encoding Yjs still reads; "undefined" is allowed).
 */
final class ContentJson implements Content {
  static final int REF = 2;
  private final List<String> json;
  private final List<Object> values;

  ContentJson(List<String> json, List<Object> values) {
    this.json = json;
    this.values = values;
  }

  static Object parseElement(String text) {
    return "undefined".equals(text) ? Undefined.VALUE : Json.parse(text);
  }

  @Override
  public int length() {
    return values.size();
  }

  @Override
  public boolean isCountable() {
    return true;
  }

  @Override
  public Content splice(int offset) {
    ContentJson right =
        new ContentJson(
            new ArrayList<>(json.subList(offset, json.size())),
            new ArrayList<>(values.subList(offset, values.size())));
    json.subList(offset, json.size()).clear();
    values.subList(offset, values.size()).clear();
    return right;
  }

  @Override
  public boolean mergeWith(Content right) {
    ContentJson other = (ContentJson) right;
    json.addAll(other.json);
    values.addAll(other.values);
    return true;
  }

  @Override
  public void write(Lib0Writer out, int offset) {
    out.writeVarUint(json.size() - offset);
    for (int i = offset; i < json.size(); i++) {
      out.writeVarString(json.get(i));
    }
  }

  @Override
  public int ref() {
    return REF;
  }

  @Override
  public List<Object> values() {
    return Collections.unmodifiableList(values);
  }
}
