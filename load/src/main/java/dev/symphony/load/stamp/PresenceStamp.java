package dev.symphony.load.stamp;

import java.util.Optional;

/**
 * The latency stamp inside a virtual user's awareness state. The state looks like what an editor
 * publishes (a user name, a colour, a cursor) plus {@code "sym":[user,seq,sentMicros]}, which
 * receivers read back with a small scanner instead of a JSON parser: every receiver reads every
 * presence message of its room, so this runs tens of thousands of times a second.
 */
public record PresenceStamp(long user, long seq, long sentMicros) {

  private static final String KEY = "\"sym\"";

  /** The awareness state JSON a virtual user sends. */
  public String toJson(int cursor) {
    return "{\"user\":{\"name\":\"vu-"
        + user
        + "\",\"color\":\"#30bced\"},\"cursor\":{\"anchor\":"
        + cursor
        + ",\"head\":"
        + cursor
        + "},"
        + KEY
        + ":["
        + user
        + ","
        + seq
        + ","
        + sentMicros
        + "]}";
  }

  /**
   * Reads the stamp from an awareness state as any server may re-serialize it (whitespace between
   * tokens is allowed); empty when the state carries none (another client, or {@code null}).
   */
  public static Optional<PresenceStamp> read(String json) {
    int key = json.indexOf(KEY);
    if (key < 0) {
      return Optional.empty();
    }
    Cursor at = new Cursor(json, key + KEY.length());
    if (!at.expect(':') || !at.expect('[')) {
      return Optional.empty();
    }
    long[] fields = new long[3];
    for (int f = 0; f < 3; f++) {
      if (f > 0 && !at.expect(',')) {
        return Optional.empty();
      }
      long value = at.number();
      if (value < 0) {
        return Optional.empty();
      }
      fields[f] = value;
    }
    if (!at.expect(']') || fields[1] < 1) {
      return Optional.empty();
    }
    return Optional.of(new PresenceStamp(fields[0], fields[1], fields[2]));
  }

  private static final class Cursor {
    private final String text;
    private int at;

    Cursor(String text, int at) {
      this.text = text;
      this.at = at;
    }

    boolean expect(char c) {
      skipSpace();
      if (at < text.length() && text.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    /** A non-negative integer, or -1 when there is none. */
    long number() {
      skipSpace();
      int start = at;
      long value = 0;
      while (at < text.length() && Character.isDigit(text.charAt(at)) && at - start < 18) {
        value = value * 10 + (text.charAt(at) - '0');
        at++;
      }
      return at > start ? value : -1;
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }
  }
}
