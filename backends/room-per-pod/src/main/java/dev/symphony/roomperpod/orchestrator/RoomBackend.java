package dev.symphony.roomperpod.orchestrator;

/**
 * Where a room's backend answers: {@code host:port} speaking the single-node protocol for one room.
 *
 * @param roomId the room the backend serves
 * @param name the backend's name in its orchestrator (process key, Deployment name)
 * @param host host name or address the proxy connects to
 * @param port its port
 */
public record RoomBackend(String roomId, String name, String host, int port) {}
