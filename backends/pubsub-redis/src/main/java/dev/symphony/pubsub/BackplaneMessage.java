package dev.symphony.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What nodes publish on a room's channel: a header of four text lines (kind, sender node, send time
 * in microseconds since the epoch, and an argument) followed by the binary payload. The update log
 * builds update messages inside Redis (a Lua script adds the stream id as the argument), so the
 * format stays this simple.
 *
 * @param kind what the payload is
 * @param node the sending node's id
 * @param sentMicros wall-clock send time, for the backplane lag
 * @param argument the stream id (updates), the addressed node (diffs), else empty
 * @param payload a Yjs update, an awareness update or a state vector
 */
record BackplaneMessage(Kind kind, String node, long sentMicros, String argument, byte[] payload) {

  /** The message kinds; the letter is the first header line. */
  enum Kind {
    /** A logged document update; the argument is its stream id. */
    UPDATE('U'),
    /** An awareness update of the sender's clients. */
    AWARENESS('A'),
    /** The sender's state vector: every holder answers with what the sender lacks. */
    SYNC('S'),
    /** The answer to a SYNC, for the node named in the argument. */
    DIFF('D');

    final char letter;

    Kind(char letter) {
      this.letter = letter;
    }

    static Kind of(char letter) {
      for (Kind kind : values()) {
        if (kind.letter == letter) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown backplane message kind " + letter);
    }
  }

  /** The header an update message starts with; the log's script appends id, newline, update. */
  static byte[] updateHeader(String node, long sentMicros) {
    return (Kind.UPDATE.letter + "\n" + node + "\n" + sentMicros + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  byte[] encode() {
    byte[] header =
        (kind.letter + "\n" + node + "\n" + sentMicros + "\n" + argument + "\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(header, header.length + payload.length);
    System.arraycopy(payload, 0, bytes, header.length, payload.length);
    return bytes;
  }

  static BackplaneMessage decode(byte[] bytes) {
    int[] ends = new int[4];
    int found = 0;
    for (int i = 0; i < bytes.length && found < 4; i++) {
      if (bytes[i] == '\n') {
        ends[found++] = i;
      }
    }
    if (found < 4 || ends[0] != 1) {
      throw new IllegalArgumentException("malformed backplane message");
    }
    Kind kind = Kind.of((char) bytes[0]);
    String node = text(bytes, ends[0] + 1, ends[1]);
    long sent = Long.parseLong(text(bytes, ends[1] + 1, ends[2]));
    String argument = text(bytes, ends[2] + 1, ends[3]);
    byte[] payload = Arrays.copyOfRange(bytes, ends[3] + 1, bytes.length);
    return new BackplaneMessage(kind, node, sent, argument, payload);
  }

  private static String text(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }

  static long nowMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
