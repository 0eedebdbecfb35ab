package dev.symphony.yjs;

import dev.symphony.yjs.codec.Json;
import dev.symphony.yjs.codec.Lib0Writer;
import java.util.List;

/**
 * A formatting mark in a text: from here on, attribute {@code key} has {@code value} (null ends
 * it).
 */
final class ContentFormat implements UnitContent {
  static final int REF = 6;
  final String key;
  final Object value;
  private final String json;

  ContentFormat(String key, String json, Object value) {
    this.key = key;
    this.json = json;
    this.value = value;
  }

  static ContentFormat of(String key, Object value) {
    return new ContentFormat(key, Json.stringify(value), value);
  }

  @Override
  public boolean isCountable() {
    return false;
  }

  @Override
  public void integrate(Transaction transaction, Item item) {
    AbstractType parent = (AbstractType) item.parent;
    // Search markers do not account for formats, so a text with formatting stops using them, as in
    // Yjs.
    parent.searchMarkers = null;
    parent.hasFormatting = true;
  }

  @Override
  public void write(Lib0Writer out, int offset) {
    out.writeVarString(key);
    out.writeVarString(json);
  }

  @Override
  public int ref() {
    return REF;
  }

  @Override
  public List<Object> values() {
    return List.of();
  }
}
