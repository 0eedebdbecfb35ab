package dev.symphony.server.transport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The room id of a WebSocket request: the path after the first {@code /}, URL-decoded, as the
 * standard y-websocket provider builds it ({@code ws://host:port/<room-id>}). The query string is
 * not part of the id; it carries parameters such as the auth token.
 */
public final class RoomPath {

  /** Longer ids are refused: they would only serve to bloat logs, metrics and storage keys. */
  public static final int MAX_ROOM_ID_LENGTH = 512;

  private RoomPath() {}

  /**
   * Extracts the room id from a request URI such as {@code /my%20room?token=abc}.
   *
   * @throws IllegalArgumentException with a reason fit for a client when the path names no valid
   *     room
   */
  public static String roomId(String requestUri) {
    if (requestUri == null || !requestUri.startsWith("/")) {
      throw new IllegalArgumentException("request path must start with '/'");
    }
    int queryStart = requestUri.indexOf('?');
    String rawPath = queryStart < 0 ? requestUri.substring(1) : requestUri.substring(1, queryStart);
    String roomId;
    try {
      // '+' is a literal plus in a path, unlike in a form body, so protect it from URLDecoder.
      roomId = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("room id is not valid percent-encoding: " + rawPath, e);
    }
    if (roomId.isEmpty()) {
      throw new IllegalArgumentException(
          "no room id in the path (connect to ws://host:port/<room-id>)");
    }
    if (roomId.length() > MAX_ROOM_ID_LENGTH) {
      throw new IllegalArgumentException(
          "room id is longer than " + MAX_ROOM_ID_LENGTH + " characters");
    }
    for (int i = 0; i < roomId.length(); i++) {
      if (Character.isISOControl(roomId.charAt(i))) {
        throw new IllegalArgumentException("room id contains a control character");
      }
    }
    return roomId;
  }
}
