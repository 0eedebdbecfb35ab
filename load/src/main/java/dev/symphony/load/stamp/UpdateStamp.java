package dev.symphony.load.stamp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency stamp a virtual user writes into each document edit: {@code [s:<user>:<seq>:<sent
 * epoch micros>]}, optionally followed by padding before the closing bracket. The edit inserts this
 * text into the shared {@code YText}, so it travels inside the Yjs update itself and every receiver
 * can read it back from the update's bytes: Yjs stores inserted strings as plain UTF-8 in update
 * format v1, and merged updates keep each insert as a contiguous substring because edits only ever
 * go in at the start of the text (never splitting an earlier stamp).
 */
public record UpdateStamp(long user, long seq, long sentMicros) {

  private static final byte[] PREFIX = "[s:".getBytes(StandardCharsets.US_ASCII);

  public UpdateStamp {
    if (user < 0 || seq < 1 || sentMicros < 0) {
      throw new IllegalArgumentException("bad stamp " + user + "/" + seq + "/" + sentMicros);
    }
  }

  /** The text inserted into the document; {@code padding} extra characters make updates bigger. */
  public String toText(int padding) {
    StringBuilder text = new StringBuilder(48 + padding);
    text.append("[s:").append(user).append(':').append(seq).append(':').append(sentMicros);
    if (padding > 0) {
      text.append(':').repeat('x', padding);
    }
    return text.append(']').toString();
  }

  /** Every well-formed stamp in {@code bytes}, in order; anything else is skipped. */
  public static List<UpdateStamp> findAll(byte[] bytes) {
    List<UpdateStamp> stamps = new ArrayList<>(1);
    int i = 0;
    while ((i = indexOf(bytes, PREFIX, i)) >= 0) {
      i += PREFIX.length;
      long[] fields = new long[3];
      int at = i;
      boolean ok = true;
      for (int f = 0; f < 3 && ok; f++) {
        int start = at;
        long value = 0;
        while (at < bytes.length && bytes[at] >= '0' && bytes[at] <= '9' && at - start < 18) {
          value = value * 10 + (bytes[at] - '0');
          at++;
        }
        ok = at > start && at < bytes.length;
        fields[f] = value;
        if (ok) {
          byte next = bytes[at];
          boolean last = f == 2;
          ok = last ? next == ']' || next == ':' : next == ':';
          at++;
        }
      }
      if (ok && fields[1] >= 1) {
        stamps.add(new UpdateStamp(fields[0], fields[1], fields[2]));
        i = at;
      }
    }
    return stamps;
  }

  private static int indexOf(byte[] bytes, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= bytes.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
