package dev.symphony.server.room;

/**
 * A loaded room's figures for metrics and the admin API, readable from any thread. The room writes
 * them on its executor; readers see a moment's view.
 */
public final class RoomStats {

  private final String roomId;
  private final long loadedAtMillis = System.currentTimeMillis();
  private volatile int connections;
  private volatile long documentBytes;
  private volatile long lastActiveMillis = loadedAtMillis;

  RoomStats(String roomId) {
    this.roomId = roomId;
  }

  public String roomId() {
    return roomId;
  }

  /** Connections joined to the room. */
  public int connections() {
    return connections;
  }

  /**
   * Encoded size of the document: exact after loading and after each checkpoint, in between that
   * size plus the bytes of the updates applied since (an estimate that never lags behind growth).
   */
  public long documentBytes() {
    return documentBytes;
  }

  /** When a client last joined, left or sent a message (epoch millis). */
  public long lastActiveMillis() {
    return lastActiveMillis;
  }

  /** When the room was loaded into memory (epoch millis). */
  public long loadedAtMillis() {
    return loadedAtMillis;
  }

  void connections(int value) {
    connections = value;
    touch();
  }

  void documentBytes(long value) {
    documentBytes = value;
  }

  void addDocumentBytes(long delta) {
    documentBytes += delta; // single writer: the room's executor
  }

  void touch() {
    lastActiveMillis = System.currentTimeMillis();
  }
}
