package dev.symphony.server.room;

import java.time.Duration;

/**
 * How rooms live and persist.
 *
 * @param grace how long a room stays loaded after its last connection left
 * @param checkpointInterval how long a changed document may wait before it is written to storage
 * @param maxAwarenessClientsPerConnection how many awareness client ids one connection may speak
 *     for (a browser speaks for itself, plus other tabs relayed over BroadcastChannel)
 * @param maxDocumentBytes the largest a room's document may grow (encoded); updates beyond are
 *     refused with a permission-denied message
 * @param maxRooms rooms held in memory at once; beyond, idle rooms are unloaded early and new rooms
 *     refused (1013) while every room is in use
 */
public record RoomSettings(
    Duration grace,
    Duration checkpointInterval,
    int maxAwarenessClientsPerConnection,
    long maxDocumentBytes,
    int maxRooms) {

  public static final long DEFAULT_MAX_DOCUMENT_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_MAX_ROOMS = 10_000;

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
    if (maxDocumentBytes < 1024) {
      throw new IllegalArgumentException("max document size must be at least 1KiB");
    }
    if (maxRooms < 1) {
      throw new IllegalArgumentException("max rooms must be at least 1");
    }
  }

  public static RoomSettings defaults() {
    return new RoomSettings(
        DEFAULT_GRACE,
        DEFAULT_CHECKPOINT_INTERVAL,
        64,
        DEFAULT_MAX_DOCUMENT_BYTES,
        DEFAULT_MAX_ROOMS);
  }

  public RoomSettings withGrace(Duration value) {
    return new RoomSettings(
        value, checkpointInterval, maxAwarenessClientsPerConnection, maxDocumentBytes, maxRooms);
  }

  public RoomSettings withCheckpointInterval(Duration value) {
    return new RoomSettings(
        grace, value, maxAwarenessClientsPerConnection, maxDocumentBytes, maxRooms);
  }

  public RoomSettings withMaxDocumentBytes(long value) {
    return new RoomSettings(
        grace, checkpointInterval, maxAwarenessClientsPerConnection, value, maxRooms);
  }

  public RoomSettings withMaxRooms(int value) {
    return new RoomSettings(
        grace, checkpointInterval, maxAwarenessClientsPerConnection, maxDocumentBytes, value);
  }
}
