package dev.symphony.server.embed;

/**
 * A connection joined or left a room.
 *
 * @param roomId the room
 * @param remoteAddress the client's address as the socket saw it
 * @param mayWrite whether its grant lets it edit (false: read-only)
 * @param connections how many connections the room has after this event
 */
public record ConnectionEvent(
    String roomId, String remoteAddress, boolean mayWrite, int connections) {}
