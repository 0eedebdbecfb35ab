package dev.symphony.server.admin;

import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomStats;
import dev.symphony.server.store.RoomRecord;
import java.time.Instant;

/**
 * One room as the admin API shows it: live figures for a loaded room, the catalog's for another.
 *
 * @param active whether this process holds the room loaded
 * @param documentBytes the loaded document's size, else the size of the last snapshot
 * @param lastActive when a client last joined, left or sent something (ISO-8601, UTC)
 * @param lastActiveMillis the same as milliseconds since the epoch
 * @param created when the catalog first saw the room (null when it has no record yet)
 */
record RoomView(
    String id,
    boolean active,
    int connections,
    long documentBytes,
    String lastActive,
    long lastActiveMillis,
    String created) {

  static RoomView of(Room room, RoomRecord record) {
    RoomStats stats = room.stats();
    return new RoomView(
        room.id(),
        true,
        stats.connections(),
        stats.documentBytes(),
        Instant.ofEpochMilli(stats.lastActiveMillis()).toString(),
        stats.lastActiveMillis(),
        record == null ? null : record.created().toString());
  }

  static RoomView of(RoomRecord record) {
    return new RoomView(
        record.id(),
        false,
        0,
        record.documentBytes(),
        record.lastActive().toString(),
        record.lastActive().toEpochMilli(),
        record.created().toString());
  }
}
