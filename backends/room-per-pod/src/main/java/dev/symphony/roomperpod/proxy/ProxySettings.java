package dev.symphony.roomperpod.proxy;

import java.time.Duration;

/**
 * @param host address the proxy listens on
 * @param port its port (0 picks a free one)
 * @param readyTimeout longest a client waits for its room's backend to start and get ready
 * @param maxRequestBytes largest HTTP request body relayed to a room's document API
 */
public record ProxySettings(String host, int port, Duration readyTimeout, int maxRequestBytes) {

  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;

  public ProxySettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    if (readyTimeout == null || readyTimeout.isNegative() || readyTimeout.isZero()) {
      throw new IllegalArgumentException("the ready timeout must be positive");
    }
  }

  public static ProxySettings of(String host, int port) {
    return new ProxySettings(host, port, DEFAULT_READY_TIMEOUT, DEFAULT_MAX_REQUEST_BYTES);
  }

  public ProxySettings withReadyTimeout(Duration value) {
    return new ProxySettings(host, port, value, maxRequestBytes);
  }
}
