package dev.symphony.server.room;

/**
 * Observes rooms: what the backplane, webhooks and version history hook into. Every method runs on
 * the room's executor, in the order the events happened, so it must not block: hand slow work
 * (network, disk) to another thread. An exception thrown here is logged and does not reach the
 * room.
 */
public interface RoomListener {

  /** The room loaded its document and accepts connections. */
  default void opened(Room room) {}

  /** The document changed; {@code update} is the change as a Yjs update (v1). */
  default void documentChanged(Room room, byte[] update, UpdateOrigin origin) {}

  /** Presence changed; {@code update} is the awareness update as received. */
  default void awarenessChanged(Room room, byte[] update, UpdateOrigin origin) {}

  /** A connection was admitted (greeted with the room's state). */
  default void joined(Room room, Connection connection) {}

  /** An admitted connection left. */
  default void left(Room room, Connection connection) {}

  /** A checkpoint stored the document ({@code documentBytes} long) in the document store. */
  default void stored(Room room, long documentBytes) {}

  /** The room unloaded (or failed to load) and is gone from memory. */
  default void closed(Room room) {}
}
