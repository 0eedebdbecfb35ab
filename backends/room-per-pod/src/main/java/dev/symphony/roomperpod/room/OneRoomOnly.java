package dev.symphony.roomperpod.room;

import dev.symphony.server.room.CloseCodes;
import dev.symphony.server.room.Connection;
import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomListener;

/**
 * Closes every connection to a room other than the process's own. The proxy never routes one here;
 * this guards against a misrouted client mixing two rooms' data in one process.
 */
final class OneRoomOnly implements RoomListener {

  private final String roomId;

  OneRoomOnly(String roomId) {
    this.roomId = roomId;
  }

  @Override
  public void joined(Room room, Connection connection) {
    if (!room.id().equals(roomId)) {
      connection.close(
          CloseCodes.POLICY_VIOLATION,
          "this room process serves only room '" + abbreviate(roomId) + "'");
    }
  }

  /** A close reason must fit in 123 bytes, even for ids of 3-byte characters. */
  private static String abbreviate(String id) {
    return id.length() <= 20 ? id : id.substring(0, 17) + "...";
  }
}
