package dev.symphony.server.room;

/** The WebSocket close codes (RFC 6455) the server uses, named by why it closes. */
public final class CloseCodes {

  /** The server is shutting down. */
  public static final int GOING_AWAY = 1001;

  /** A kind of data the protocol does not have: text frames, unknown message types. */
  public static final int UNSUPPORTED_DATA = 1003;

  /** A message whose bytes are not what its type promises: truncated varints, invalid updates. */
  public static final int INVALID_PAYLOAD = 1007;

  /** A well-formed message the server does not allow. */
  public static final int POLICY_VIOLATION = 1008;

  /** A frame larger than the configured maximum. */
  public static final int MESSAGE_TOO_BIG = 1009;

  /** The server failed (a room that cannot be loaded, for example). */
  public static final int INTERNAL_ERROR = 1011;

  /** The server is overloaded for this client (it reads too slowly); it may reconnect. */
  public static final int TRY_AGAIN_LATER = 1013;

  private CloseCodes() {}
}
