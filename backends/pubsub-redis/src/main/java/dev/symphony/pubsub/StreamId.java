package dev.symphony.pubsub;

/**
 * A Redis Stream entry id ({@code <milliseconds>-<sequence>}) packed into one long that sorts as
 * the ids do, so the update log can use it as the {@link dev.symphony.server.store.UpdateLog} mark.
 * The sequence gets 20 bits: a million entries in one millisecond of one stream never happen.
 */
final class StreamId {

  private static final int SEQUENCE_BITS = 20;
  private static final long SEQUENCE_MAX = (1L << SEQUENCE_BITS) - 1;

  private StreamId() {}

  static long parse(String id) {
    int dash = id.indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException("not a stream id: " + id);
    }
    long millis = Long.parseLong(id.substring(0, dash));
    long sequence = Math.min(Long.parseLong(id.substring(dash + 1)), SEQUENCE_MAX);
    return (millis << SEQUENCE_BITS) | sequence;
  }

  static String format(long packed) {
    return (packed >>> SEQUENCE_BITS) + "-" + (packed & SEQUENCE_MAX);
  }
}
