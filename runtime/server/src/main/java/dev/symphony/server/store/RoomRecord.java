package dev.symphony.server.store;

import java.time.Instant;

/**
 * What the catalog knows about a room.
 *
 * @param active whether a server holds the room loaded right now
 * @param documentBytes the size of the latest snapshot
 */
public record RoomRecord(
    String id, Instant created, Instant lastActive, boolean active, long documentBytes) {}
