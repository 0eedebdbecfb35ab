package dev.symphony.yjs.codec;

/**
 * JavaScript's {@code undefined}, which Yjs can store (in maps, arrays and JSON content) and which
 * is distinct from {@code null}. Exported as JSON, a map entry holding it is left out and an array
 * element becomes {@code null}, as {@code JSON.stringify} does.
 */
public enum Undefined {
  VALUE;

  @Override
  public String toString() {
    return "undefined";
  }
}
