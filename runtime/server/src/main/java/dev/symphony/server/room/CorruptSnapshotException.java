package dev.symphony.server.room;

/**
 * The stored snapshot of a room does not decode as a Yjs update. The room is not served (serving an
 * empty document would let the next checkpoint overwrite what is left of the real one) and the file
 * is kept for a person to inspect or restore.
 */
public final class CorruptSnapshotException extends java.io.IOException {

  private final String roomId;

  CorruptSnapshotException(String roomId, int bytes, Exception cause) {
    super(
        "the stored snapshot of room "
            + roomId
            + " ("
            + bytes
            + " bytes) is corrupt: "
            + cause.getMessage()
            + "; the room is not served and the snapshot is kept as it is",
        cause);
    this.roomId = roomId;
  }

  public String roomId() {
    return roomId;
  }
}
