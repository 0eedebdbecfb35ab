package dev.symphony.server.room;

/**
 * One client's link to a room, as the room sees it. Implemented by the transport; rooms call it
 * only from their own executor. Implementations must not block: {@link #send} queues the message.
 */
public interface Connection {

  /** The peer's address, for log lines. */
  String remoteAddress();

  /**
   * Queues a message for this client. The connection takes its own reference to the encoded bytes
   * (see {@link OutboundMessage#retainedBuffer()}); the caller keeps and later releases its own.
   */
  void send(OutboundMessage message);

  /**
   * Whether this client may change the document. A read-only client syncs and receives everything,
   * but the room applies none of its updates and answers them with a permission-denied message.
   */
  default boolean mayWrite() {
    return true;
  }

  /** The {@code sub} claim of the client's token, or null (no auth, or no such claim). */
  default String userId() {
    return null;
  }

  /** The {@code name} claim of the client's token, or null (no auth, or no such claim). */
  default String userName() {
    return null;
  }

  /** Closes with a WebSocket close code and a reason the client can read. */
  void close(int closeCode, String reason);

  /**
   * Called once the room has greeted this connection. The transport reads nothing from a client
   * before that, so a room never sees messages from a connection it has not joined yet.
   */
  void joined();
}
