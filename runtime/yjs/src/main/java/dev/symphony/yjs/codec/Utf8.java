package dev.symphony.yjs.codec;

/**
 * UTF-8 as the WHATWG TextEncoder writes it: unlike {@link String#getBytes}, a lone surrogate
 * becomes U+FFFD (EF BF BD), not '?', so our bytes equal those of Yjs in a browser or Node.
 */
final class Utf8 {
  private Utf8() {}

  static int encodedLength(CharSequence s) {
    int length = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }

  /** Writes {@code s} into {@code out} at {@code pos}; returns the position after the last byte. */
  static int encode(CharSequence s, byte[] out, int pos) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[pos++] = (byte) c;
      } else if (c < 0x800) {
        out[pos++] = (byte) (0xC0 | (c >> 6));
        out[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          out[pos++] = (byte) (0xF0 | (cp >> 18));
          out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          out[pos++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          out[pos++] = (byte) 0xEF;
          out[pos++] = (byte) 0xBF;
          out[pos++] = (byte) 0xBD;
        }
      } else {
        out[pos++] = (byte) (0xE0 | (c >> 12));
        out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[pos++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return pos;
  }
}
