package dev.symphony.server.protocol;

/**
 * A frame that is not a well-formed y-websocket message. Carries the WebSocket close code the
 * server answers with, so the transport never has to guess why a message was refused.
 */
public final class MalformedMessageException extends Exception {

  /** RFC 6455: the payload is not what its type promises (truncated varint, bad update...). */
  public static final int INVALID_PAYLOAD = 1007;

  /** RFC 6455: a kind of data this endpoint does not accept (text frames, unknown types). */
  public static final int UNSUPPORTED_DATA = 1003;

  private final int closeCode;

  public MalformedMessageException(int closeCode, String message) {
    super(message);
    this.closeCode = closeCode;
  }

  public int closeCode() {
    return closeCode;
  }
}
