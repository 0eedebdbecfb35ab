package dev.symphony.cli.serve;

import dev.symphony.server.auth.Limits;
import dev.symphony.server.auth.SecurityConfig;
import dev.symphony.server.auth.TokenVerifier;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The security options of {@code symphony serve}: room tokens (one key source), the admin token,
 * and {@code --insecure}. Each option falls back to its {@code SYMPHONY_*} environment variable.
 * Secrets are not read from the config file, so that file can be shared or committed.
 */
public final class SecurityOptions {

  @Option(
      names = "--auth-jwt-secret",
      paramLabel = "<secret>",
      description =
          "require room tokens signed with this HS256 secret, at least 32 bytes"
              + " (also SYMPHONY_AUTH_JWT_SECRET)")
  String jwtSecret;

  @Option(
      names = "--auth-public-key",
      paramLabel = "<pem-file>",
      description =
          "require room tokens signed RS256/ES256, verified with this PEM public key"
              + " (also SYMPHONY_AUTH_PUBLIC_KEY)")
  String publicKey;

  @Option(
      names = "--auth-jwks-url",
      paramLabel = "<url>",
      description =
          "require room tokens signed RS256/ES256 by a key published at this JWKS URL"
              + " (also SYMPHONY_AUTH_JWKS_URL)")
  String jwksUrl;

  @Option(
      names = "--admin-token",
      paramLabel = "<token>",
      description = "token for the admin API and dashboard (also SYMPHONY_ADMIN_TOKEN)")
  String adminToken;

  @Option(
      names = "--insecure",
      description =
          "allow listening on a non-loopback address without room tokens (anyone who reaches the"
              + " port can read and change every document; also SYMPHONY_INSECURE=true)")
  boolean insecure;

  @Option(
      names = "--max-connections",
      paramLabel = "<n>",
      description = "open WebSocket connections in total (default 20000; SYMPHONY_MAX_CONNECTIONS)")
  String maxConnections;

  @Option(
      names = "--max-connections-per-address",
      paramLabel = "<n>",
      description =
          "connections from one IP address (default 10000; SYMPHONY_MAX_CONNECTIONS_PER_ADDRESS)")
  String maxConnectionsPerAddress;

  @Option(
      names = "--max-connections-per-room",
      paramLabel = "<n>",
      description = "connections to one room (default 1000; SYMPHONY_MAX_CONNECTIONS_PER_ROOM)")
  String maxConnectionsPerRoom;

  @Option(
      names = "--max-update-rate",
      paramLabel = "<msgs/s>",
      description =
          "document messages one connection may send per second, bursts of 5 s"
              + " (default 100; SYMPHONY_MAX_UPDATE_RATE)")
  String maxUpdateRate;

  @Option(
      names = "--max-awareness-rate",
      paramLabel = "<msgs/s>",
      description =
          "awareness messages one connection may send per second, bursts of 5 s"
              + " (default 100; SYMPHONY_MAX_AWARENESS_RATE)")
  String maxAwarenessRate;

  @Option(
      names = "--handshake-timeout",
      paramLabel = "<duration>",
      description =
          "time an HTTP request (the upgrade too) may take to arrive (default 10s;"
              + " SYMPHONY_HANDSHAKE_TIMEOUT)")
  String handshakeTimeout;

  @Option(
      names = "--allowed-origins",
      paramLabel = "<origin,...>",
      description =
          "browser origins allowed to connect, e.g. https://app.example.com (default: any;"
              + " SYMPHONY_ALLOWED_ORIGINS)")
  String allowedOrigins;

  @Option(
      names = "--max-document-size",
      paramLabel = "<size>",
      description =
          "largest a room's document may grow; further updates are refused (default 64MiB;"
              + " SYMPHONY_MAX_DOCUMENT_SIZE)")
  String maxDocumentSize;

  private long resolvedMaxDocumentBytes = RoomSettings.DEFAULT_MAX_DOCUMENT_BYTES;

  @Option(
      names = "--max-rooms",
      paramLabel = "<n>",
      description =
          "rooms held in memory at once; idle ones are unloaded early, then new rooms are refused"
              + " (default 10000; SYMPHONY_MAX_ROOMS)")
  String maxRooms;

  private int resolvedMaxRooms = RoomSettings.DEFAULT_MAX_ROOMS;

  @Option(
      names = "--tls-cert",
      paramLabel = "<pem-file>",
      description =
          "serve wss:// with this PEM certificate chain (with --tls-key; also SYMPHONY_TLS_CERT)")
  String tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "<pem-file>",
      description = "the certificate's unencrypted PKCS#8 PEM private key (SYMPHONY_TLS_KEY)")
  String tlsKey;

  /** Whether {@code --insecure} (or {@code SYMPHONY_INSECURE=true}) was given. */
  public boolean insecure(Map<String, String> environment) {
    return insecure || "true".equalsIgnoreCase(environment.get("SYMPHONY_INSECURE"));
  }

  /**
   * Builds the security settings; a bad or ambiguous value throws {@link
   * ServeSettings.InvalidSettingException} with the one line the user sees.
   */
  public SecurityConfig resolve(Map<String, String> environment) {
    String secret = pick(jwtSecret, environment, "SYMPHONY_AUTH_JWT_SECRET");
    String keyFile = pick(publicKey, environment, "SYMPHONY_AUTH_PUBLIC_KEY");
    String jwks = pick(jwksUrl, environment, "SYMPHONY_AUTH_JWKS_URL");
    List<String> given = new ArrayList<>();
    if (secret != null) {
      given.add("--auth-jwt-secret");
    }
    if (keyFile != null) {
      given.add("--auth-public-key");
    }
    if (jwks != null) {
      given.add("--auth-jwks-url");
    }
    if (given.size() > 1) {
      throw new ServeSettings.InvalidSettingException(
          "choose one way to verify room tokens, not " + String.join(" and ", given));
    }
    TokenVerifier verifier = null;
    try {
      if (secret != null) {
        verifier = TokenVerifier.hmac(secret.getBytes(StandardCharsets.UTF_8));
      } else if (keyFile != null) {
        verifier = TokenVerifier.publicKey(Path.of(keyFile));
      } else if (jwks != null) {
        verifier = TokenVerifier.jwks(URI.create(jwks).toURL());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new ServeSettings.InvalidSettingException(
          "invalid " + given.get(0).substring(2) + ": " + e.getMessage());
    }
    String admin = pick(adminToken, environment, "SYMPHONY_ADMIN_TOKEN");
    String documentSize = pick(maxDocumentSize, environment, "SYMPHONY_MAX_DOCUMENT_SIZE");
    if (documentSize != null) {
      try {
        resolvedMaxDocumentBytes = SettingValues.bytes(documentSize);
        if (resolvedMaxDocumentBytes < 1024) {
          throw new IllegalArgumentException("must be at least 1KiB");
        }
      } catch (RuntimeException e) {
        throw new ServeSettings.InvalidSettingException(
            "invalid max-document-size '" + documentSize + "': " + e.getMessage());
      }
    }
    resolvedMaxRooms = count("max-rooms", maxRooms, environment, RoomSettings.DEFAULT_MAX_ROOMS);
    String cert = pick(tlsCert, environment, "SYMPHONY_TLS_CERT");
    String key = pick(tlsKey, environment, "SYMPHONY_TLS_KEY");
    if ((cert == null) != (key == null)) {
      throw new ServeSettings.InvalidSettingException(
          "TLS needs both --tls-cert and --tls-key (or SYMPHONY_TLS_CERT and SYMPHONY_TLS_KEY)");
    }
    return new SecurityConfig(verifier, admin)
        .withLimits(limits(environment))
        .withTls(cert == null ? null : new SecurityConfig.TlsFiles(Path.of(cert), Path.of(key)));
  }

  /** {@code config} with the resolved security and the document size limit (after resolve). */
  public ServerConfig apply(ServerConfig config, SecurityConfig security) {
    return config
        .withSecurity(security)
        .withRooms(
            config
                .rooms()
                .withMaxDocumentBytes(resolvedMaxDocumentBytes)
                .withMaxRooms(resolvedMaxRooms));
  }

  private Limits limits(Map<String, String> environment) {
    Limits defaults = Limits.defaults();
    int total = count("max-connections", maxConnections, environment, defaults.maxConnections());
    int perAddress =
        count(
            "max-connections-per-address",
            maxConnectionsPerAddress,
            environment,
            defaults.maxConnectionsPerAddress());
    int perRoom =
        count(
            "max-connections-per-room",
            maxConnectionsPerRoom,
            environment,
            defaults.maxConnectionsPerRoom());
    Limits.Rate updates = defaults.updateRate();
    int updateRate =
        count("max-update-rate", maxUpdateRate, environment, (int) updates.messagesPerSecond());
    Limits.Rate awareness = defaults.awarenessRate();
    int awarenessRate =
        count(
            "max-awareness-rate",
            maxAwarenessRate,
            environment,
            (int) awareness.messagesPerSecond());
    Limits limits =
        defaults
            .withConnections(total, perAddress, perRoom)
            .withRates(
                new Limits.Rate(updateRate, updates.bytesPerSecond(), updates.burstSeconds()),
                new Limits.Rate(
                    awarenessRate, awareness.bytesPerSecond(), awareness.burstSeconds()),
                defaults.floodCloseAfter());
    String timeout = pick(handshakeTimeout, environment, "SYMPHONY_HANDSHAKE_TIMEOUT");
    if (timeout != null) {
      try {
        Duration duration = SettingValues.duration(timeout);
        if (duration.isZero() || duration.isNegative()) {
          throw new IllegalArgumentException("must be more than zero");
        }
        limits = limits.withHandshakeTimeout(duration);
      } catch (RuntimeException e) {
        throw new ServeSettings.InvalidSettingException(
            "invalid handshake-timeout '" + timeout + "': " + e.getMessage());
      }
    }
    String origins = pick(allowedOrigins, environment, "SYMPHONY_ALLOWED_ORIGINS");
    if (origins != null) {
      Set<String> set = new LinkedHashSet<>();
      for (String origin : origins.split(",")) {
        String o = origin.strip();
        if (!o.isEmpty()) {
          if (!o.matches("https?://[^/\\s]+")) {
            throw new ServeSettings.InvalidSettingException(
                "invalid allowed-origins '"
                    + o
                    + "': write scheme://host[:port], e.g. https://app.example.com");
          }
          set.add(o);
        }
      }
      limits = limits.withAllowedOrigins(set);
    }
    return limits;
  }

  private static int count(
      String name, String option, Map<String, String> environment, int fallback) {
    String variable = "SYMPHONY_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    String value = pick(option, environment, variable);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ServeSettings.InvalidSettingException(
          "invalid "
              + name
              + " '"
              + value
              + "' (from "
              + (option != null ? "--" + name : variable)
              + "): must be a whole number of at least 1");
    }
  }

  private static String pick(String option, Map<String, String> environment, String variable) {
    String value = option != null ? option : environment.get(variable);
    return value == null || value.isBlank() ? null : value;
  }
}
