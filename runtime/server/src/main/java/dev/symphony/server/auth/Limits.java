package dev.symphony.server.auth;

import java.time.Duration;
import java.util.Set;

/**
 * Abuse limits of the transport. Every limit refuses or closes with a reason the client can read,
 * logs one line and counts in {@link RejectionCounters}.
 *
 * @param maxConnections open WebSocket connections in total (HTTP 503 beyond)
 * @param maxConnectionsPerAddress per remote IP address (HTTP 429 beyond)
 * @param maxConnectionsPerRoom per room (HTTP 503 beyond)
 * @param updateRate document updates one connection may send: messages and bytes per second
 * @param awarenessRate awareness updates one connection may send: messages and bytes per second
 * @param floodCloseAfter how long a connection may stay throttled before it is closed (1008)
 * @param handshakeTimeout how long an HTTP request (the upgrade included) may take to arrive
 * @param allowedOrigins browser origins allowed to connect; empty allows every origin
 */
public record Limits(
    int maxConnections,
    int maxConnectionsPerAddress,
    int maxConnectionsPerRoom,
    Rate updateRate,
    Rate awarenessRate,
    Duration floodCloseAfter,
    Duration handshakeTimeout,
    Set<String> allowedOrigins) {

  /**
   * A token bucket: {@code messagesPerSecond} and {@code bytesPerSecond} sustained, bursts of
   * {@code burstSeconds} worth of each.
   */
  public record Rate(double messagesPerSecond, double bytesPerSecond, double burstSeconds) {
    public Rate {
      if (messagesPerSecond <= 0 || bytesPerSecond <= 0 || burstSeconds <= 0) {
        throw new IllegalArgumentException("rates and bursts must be positive");
      }
    }
  }

  public static final int DEFAULT_MAX_CONNECTIONS = 20_000;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 10_000;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ROOM = 1_000;

  /**
   * Far above typing (a few updates per second), well below a scripted flood. The byte burst (20
   * MiB) exceeds the default maximum message size, so one large paste or import is never refused.
   */
  public static final Rate DEFAULT_UPDATE_RATE = new Rate(100, 4 * 1024 * 1024, 5);

  /** Cursors move often; y-websocket sends at most one update per change plus a 15 s renewal. */
  public static final Rate DEFAULT_AWARENESS_RATE = new Rate(100, 256 * 1024, 5);

  public static final Duration DEFAULT_FLOOD_CLOSE_AFTER = Duration.ofSeconds(10);
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  public Limits {
    if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxConnectionsPerRoom < 1) {
      throw new IllegalArgumentException("connection limits must be at least 1");
    }
    if (floodCloseAfter.isNegative()
        || handshakeTimeout.isNegative()
        || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    allowedOrigins = Set.copyOf(allowedOrigins);
  }

  public static Limits defaults() {
    return new Limits(
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
        DEFAULT_MAX_CONNECTIONS_PER_ROOM,
        DEFAULT_UPDATE_RATE,
        DEFAULT_AWARENESS_RATE,
        DEFAULT_FLOOD_CLOSE_AFTER,
        DEFAULT_HANDSHAKE_TIMEOUT,
        Set.of());
  }

  public Limits withConnections(int total, int perAddress, int perRoom) {
    return new Limits(
        total,
        perAddress,
        perRoom,
        updateRate,
        awarenessRate,
        floodCloseAfter,
        handshakeTimeout,
        allowedOrigins);
  }

  public Limits withRates(Rate updates, Rate awareness, Duration closeAfter) {
    return new Limits(
        maxConnections,
        maxConnectionsPerAddress,
        maxConnectionsPerRoom,
        updates,
        awareness,
        closeAfter,
        handshakeTimeout,
        allowedOrigins);
  }

  public Limits withHandshakeTimeout(Duration value) {
    return new Limits(
        maxConnections,
        maxConnectionsPerAddress,
        maxConnectionsPerRoom,
        updateRate,
        awarenessRate,
        floodCloseAfter,
        value,
        allowedOrigins);
  }

  public Limits withAllowedOrigins(Set<String> value) {
    return new Limits(
        maxConnections,
        maxConnectionsPerAddress,
        maxConnectionsPerRoom,
        updateRate,
        awarenessRate,
        floodCloseAfter,
        handshakeTimeout,
        value);
  }

  /** Whether a browser from {@code origin} may connect (no Origin header: not a browser). */
  public boolean allowsOrigin(String origin) {
    return allowedOrigins.isEmpty() || origin == null || allowedOrigins.contains(origin);
  }
}
