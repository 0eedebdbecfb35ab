package dev.symphony.crdtbench.suite;

/** One generated text change: an insert ({@code text != null}) or a delete of {@code length}. */
public record TextEdit(int index, String text, int length) {

  static TextEdit insert(int index, String text) {
    return new TextEdit(index, text, 0);
  }

  static TextEdit delete(int index, int length) {
    return new TextEdit(index, null, length);
  }

  public boolean isInsert() {
    return text != null;
  }
}
