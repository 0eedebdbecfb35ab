package dev.symphony.server.auth;

import java.time.Instant;

/**
 * What one verified token allows: a room (or every room whose id starts with a prefix, written
 * {@code prefix*}), a scope, and who holds it.
 *
 * @param room the exact room id, or a prefix followed by {@code *}
 * @param scope read or write
 * @param subject the {@code sub} claim, or null
 * @param name the {@code name} claim (shown in the dashboard), or null
 * @param expiresAt the {@code exp} claim; null only for the dev-mode grant
 */
public record RoomGrant(String room, Scope scope, String subject, String name, Instant expiresAt) {

  /** Everything, for servers without auth (loopback dev mode or {@code --insecure}). */
  public static final RoomGrant UNRESTRICTED = new RoomGrant("*", Scope.WRITE, null, null, null);

  public RoomGrant {
    if (room == null || room.isEmpty()) {
      throw new IllegalArgumentException("room must not be empty");
    }
    if (scope == null) {
      throw new IllegalArgumentException("scope must be given");
    }
  }

  /** Whether this grant covers {@code roomId}: equal, or starting with the prefix before '*'. */
  public boolean covers(String roomId) {
    if (room.endsWith("*")) {
      return roomId.startsWith(room.substring(0, room.length() - 1));
    }
    return room.equals(roomId);
  }

  public boolean mayWrite() {
    return scope == Scope.WRITE;
  }
}
