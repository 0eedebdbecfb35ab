package dev.symphony.server.config;

import dev.symphony.server.auth.SecurityConfig;
import dev.symphony.server.room.RoomSettings;
import java.time.Duration;

/**
 * Everything the room runtime needs to serve: where to listen, transport limits and how rooms live.
 * Validated on construction, so a bad value stops start-up with one clear message.
 *
 * @param host the address to bind
 * @param port the TCP port; 0 picks a free one
 * @param maxMessageBytes the largest WebSocket message accepted; larger ones close with 1009
 * @param keepAliveInterval silence after which the server pings; a second one closes the connection
 * @param maxPendingWriteBytes bytes queued for one client beyond which it counts as too slow and is
 *     disconnected (it resynchronises when it reconnects)
 * @param ioThreads event loops: they serve sockets and run rooms
 * @param storageThreads threads for snapshot and catalog writes
 * @param security room tokens and the admin token ({@link SecurityConfig#none()}: dev mode)
 */
public record ServerConfig(
    String host,
    int port,
    int maxMessageBytes,
    Duration keepAliveInterval,
    long maxPendingWriteBytes,
    int ioThreads,
    int storageThreads,
    RoomSettings rooms,
    SecurityConfig security) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 1234;
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);

  public ServerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException(
          "max message size must be at least 1024 bytes, not " + maxMessageBytes);
    }
    if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()) {
      throw new IllegalArgumentException("keep-alive interval must be positive");
    }
    if (maxPendingWriteBytes < maxMessageBytes) {
      throw new IllegalArgumentException(
          "max pending write bytes must be at least the max message size");
    }
    if (ioThreads < 1 || storageThreads < 1) {
      throw new IllegalArgumentException("thread counts must be at least 1");
    }
    if (security == null) {
      throw new IllegalArgumentException("security must be given (SecurityConfig.none() for none)");
    }
  }

  public static ServerConfig defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ServerConfig(
        DEFAULT_HOST,
        DEFAULT_PORT,
        DEFAULT_MAX_MESSAGE_BYTES,
        DEFAULT_KEEP_ALIVE,
        2L * DEFAULT_MAX_MESSAGE_BYTES,
        cores,
        Math.max(2, Math.min(cores, 8)),
        RoomSettings.defaults(),
        SecurityConfig.none());
  }

  public ServerConfig withHost(String value) {
    return new ServerConfig(
        value,
        port,
        maxMessageBytes,
        keepAliveInterval,
        maxPendingWriteBytes,
        ioThreads,
        storageThreads,
        rooms,
        security);
  }

  public ServerConfig withPort(int value) {
    return new ServerConfig(
        host,
        value,
        maxMessageBytes,
        keepAliveInterval,
        maxPendingWriteBytes,
        ioThreads,
        storageThreads,
        rooms,
        security);
  }

  /** Also sets the slow-receiver limit to twice the message size. */
  public ServerConfig withMaxMessageBytes(int value) {
    return new ServerConfig(
        host,
        port,
        value,
        keepAliveInterval,
        2L * value,
        ioThreads,
        storageThreads,
        rooms,
        security);
  }

  public ServerConfig withKeepAliveInterval(Duration value) {
    return new ServerConfig(
        host,
        port,
        maxMessageBytes,
        value,
        maxPendingWriteBytes,
        ioThreads,
        storageThreads,
        rooms,
        security);
  }

  public ServerConfig withIoThreads(int value) {
    return new ServerConfig(
        host,
        port,
        maxMessageBytes,
        keepAliveInterval,
        maxPendingWriteBytes,
        value,
        storageThreads,
        rooms,
        security);
  }

  public ServerConfig withRooms(RoomSettings value) {
    return new ServerConfig(
        host,
        port,
        maxMessageBytes,
        keepAliveInterval,
        maxPendingWriteBytes,
        ioThreads,
        storageThreads,
        value,
        security);
  }

  public ServerConfig withSecurity(SecurityConfig value) {
    return new ServerConfig(
        host,
        port,
        maxMessageBytes,
        keepAliveInterval,
        maxPendingWriteBytes,
        ioThreads,
        storageThreads,
        rooms,
        value);
  }
}
