package dev.symphony.singlenode;

import java.time.Duration;

/**
 * Whether single-node keeps an update log in {@code <data-dir>/log} and how often it syncs it.
 *
 * @param enabled false: durability rests on snapshots alone (a crash loses up to one checkpoint
 *     interval of edits)
 * @param flushInterval the longest an update waits for its fsync; one fsync covers every update
 *     that arrived meanwhile (group commit). Zero syncs as soon as anything is written.
 */
public record UpdateLogSettings(boolean enabled, Duration flushInterval) {

  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(10);

  /** Segment files roll over at this size; a segment is deleted once every room in it is stored. */
  static final long SEGMENT_BYTES = 64L * 1024 * 1024;

  public UpdateLogSettings {
    if (flushInterval.isNegative()) {
      throw new IllegalArgumentException("log flush interval must not be negative");
    }
  }

  public static UpdateLogSettings defaults() {
    return new UpdateLogSettings(true, DEFAULT_FLUSH_INTERVAL);
  }

  public static UpdateLogSettings off() {
    return new UpdateLogSettings(false, DEFAULT_FLUSH_INTERVAL);
  }
}
