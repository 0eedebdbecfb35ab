package dev.symphony.server.metrics;

/**
 * Why an upgrade was refused or a connection closed by the server: the {@code reason} tag of {@code
 * symphony_connections_rejected_total}. Every value is registered at start, so the series exist (at
 * 0) before the first rejection.
 */
public enum RejectReason {
  /** The upgrade named no valid room. */
  BAD_REQUEST("bad_request"),
  /** The server was shutting down. */
  SHUTTING_DOWN("shutting_down"),
  /** A text frame, unknown message type or undecodable message or Yjs update. */
  MALFORMED_MESSAGE("malformed_message"),
  /** A message above the size limit. */
  MESSAGE_TOO_BIG("message_too_big"),
  /** A connection speaking for more awareness clients than allowed. */
  TOO_MANY_AWARENESS_CLIENTS("too_many_awareness_clients"),
  /** An update refused because the room's document reached its size limit. */
  DOCUMENT_FULL("document_full"),
  /** A connection refused because the process holds its limit of rooms in memory. */
  MAX_ROOMS("max_rooms"),
  /** A receiver whose send queue passed the high-water mark. */
  SLOW_RECEIVER("slow_receiver"),
  // Counted by the auth and limits code (RejectionCounters), bridged by RoomServer:
  /** Missing or invalid token. */
  UNAUTHORIZED("unauthorized"),
  /** A token that does not grant this room. */
  FORBIDDEN("forbidden"),
  /** A browser origin that is not allowed. */
  ORIGIN("origin"),
  /** The process's connection limit. */
  MAX_CONNECTIONS("max_connections"),
  /** The per-address connection limit. */
  MAX_CONNECTIONS_PER_ADDRESS("max_connections_per_address"),
  /** The per-room connection limit. */
  MAX_CONNECTIONS_PER_ROOM("max_connections_per_room"),
  /** A client over its message rate for too long. */
  RATE_LIMITED("rate_limited"),
  /** A client slowed down by the rate limiter. */
  THROTTLED("throttled"),
  /** An upgrade that did not complete in time. */
  HANDSHAKE_TIMEOUT("handshake_timeout");

  private final String tag;

  RejectReason(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  /** The reason of that tag value, if it is one of these. */
  public static java.util.Optional<RejectReason> ofTag(String tag) {
    for (RejectReason reason : values()) {
      if (reason.tag.equals(tag)) {
        return java.util.Optional.of(reason);
      }
    }
    return java.util.Optional.empty();
  }
}
