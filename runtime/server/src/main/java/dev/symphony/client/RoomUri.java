package dev.symphony.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Builds {@code ws://host:port/<room-id>} the way the y-websocket provider does, but encoded. */
final class RoomUri {

  private RoomUri() {}

  static URI of(URI serverUrl, String roomId) {
    String base = serverUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/" + encode(roomId));
  }

  /** Percent-encodes everything but unreserved characters and '/', byte by byte in UTF-8. */
  static String encode(String roomId) {
    StringBuilder out = new StringBuilder();
    for (byte b : roomId.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || c == '/';
      if (unreserved) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }
}
