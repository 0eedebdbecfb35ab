package dev.symphony.server.room;

import java.time.Duration;

/**
 * How rooms live and persist.
 *
 * @param grace how long a room stays loaded after its last connection left
 * @param checkpointInterval how long a changed document may wait before it is written to storage
 * @param maxAwarenessClientsPerConnection how many awareness client ids one connection may speak
 *     for (a browser speaks for itself, plus other tabs relayed over BroadcastChannel)
 */
public record RoomSettings(
    Duration grace, Duration checkpointInterval, int maxAwarenessClientsPerConnection) {

  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(30);

  public RoomSettings {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace period must not be negative: " + grace);
    }
    if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new IllegalArgumentException(
          "checkpoint interval must be positive: " + checkpointInterval);
    }
    if (maxAwarenessClientsPerConnection < 1) {
      throw new IllegalArgumentException("maxAwarenessClientsPerConnection must be at least 1");
    }
  }

  public static RoomSettings defaults() {
    return new RoomSettings(DEFAULT_GRACE, DEFAULT_CHECKPOINT_INTERVAL, 64);
  }

  public RoomSettings withGrace(Duration value) {
    return new RoomSettings(value, checkpointInterval, maxAwarenessClientsPerConnection);
  }

  public RoomSettings withCheckpointInterval(Duration value) {
    return new RoomSettings(grace, value, maxAwarenessClientsPerConnection);
  }
}
