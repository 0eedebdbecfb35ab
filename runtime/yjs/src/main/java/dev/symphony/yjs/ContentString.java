package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Text. Held in a StringBuilder because typing merges one-character items into their left neighbour
 * after every transaction, and appending to a String would copy the run each time.
 */
final class ContentString implements Content {
  static final int REF = 4;
  private static final char REPLACEMENT = '\uFFFD';
  private StringBuilder text;

  ContentString(String text) {
    this.text = new StringBuilder(text.length()).append(text);
  }

  private ContentString(StringBuilder text) {
    this.text = text;
  }

  String text() {
    return text.toString();
  }

  void appendTo(StringBuilder out) {
    out.append(text);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public boolean isCountable() {
    return true;
  }

  @Override
  public Content splice(int offset) {
    StringBuilder right =
        new StringBuilder(text.length() - offset).append(text, offset, text.length());
    text.setLength(offset);
    text.trimToSize();
    // Splitting a surrogate pair would make both halves unencodable; Yjs replaces them the same
    // way.
    if (offset > 0 && Character.isHighSurrogate(text.charAt(offset - 1))) {
      text.setCharAt(offset - 1, REPLACEMENT);
      if (!right.isEmpty()) {
        right.setCharAt(0, REPLACEMENT);
      }
    }
    return new ContentString(right);
  }

  @Override
  public boolean mergeWith(Content right) {
    text.append(((ContentString) right).text);
    return true;
  }

  @Override
  public void write(Lib0Writer out, int offset) {
    out.writeVarString(offset == 0 ? text : text.subSequence(offset, text.length()));
  }

  @Override
  public int ref() {
    return REF;
  }

  @Override
  public List<Object> values() {
    List<Object> chars = new ArrayList<>(text.length());
    for (int i = 0; i < text.length(); i++) {
      chars.add(String.valueOf(text.charAt(i)));
    }
    return chars;
  }
}
