package dev.symphony.server.auth;

/**
 * Who may do what on this server, and the limits that keep abuse out.
 *
 * @param tokens verifies room tokens; null when the server runs without auth
 * @param adminToken the admin API token, or null
 * @param limits connection, rate and timeout limits
 * @param rejections where refusals are counted (the metrics module may pass its own and bind it)
 * @param tls certificate and key for TLS on the listener, or null for plain TCP
 */
public record SecurityConfig(
    TokenVerifier tokens,
    String adminToken,
    Limits limits,
    RejectionCounters rejections,
    TlsFiles tls) {

  /**
   * PEM files for TLS on the listener.
   *
   * @param certificateChain the server certificate, then its intermediates
   * @param privateKey the unencrypted PKCS#8 private key
   */
  public record TlsFiles(java.nio.file.Path certificateChain, java.nio.file.Path privateKey) {}

  public SecurityConfig {
    if (limits == null || rejections == null) {
      throw new IllegalArgumentException("limits and rejection counters must be given");
    }
  }

  public SecurityConfig(TokenVerifier tokens, String adminToken) {
    this(tokens, adminToken, Limits.defaults(), new RejectionCounters(), null);
  }

  /** No auth: dev mode (the caller binds loopback only unless told {@code --insecure}). */
  public static SecurityConfig none() {
    return new SecurityConfig(null, null);
  }

  /** Whether clients need room tokens. */
  public boolean authEnabled() {
    return tokens != null;
  }

  public RoomAccess rooms() {
    return tokens == null ? RoomAccess.open() : RoomAccess.withTokens(tokens);
  }

  public AdminAccess admin() {
    return new AdminTokenAccess(adminToken, !authEnabled());
  }

  public SecurityConfig withTokens(TokenVerifier value) {
    return new SecurityConfig(value, adminToken, limits, rejections, tls);
  }

  public SecurityConfig withAdminToken(String value) {
    return new SecurityConfig(tokens, value, limits, rejections, tls);
  }

  public SecurityConfig withLimits(Limits value) {
    return new SecurityConfig(tokens, adminToken, value, rejections, tls);
  }

  public SecurityConfig withRejections(RejectionCounters value) {
    return new SecurityConfig(tokens, adminToken, limits, value, tls);
  }

  public SecurityConfig withTls(TlsFiles value) {
    return new SecurityConfig(tokens, adminToken, limits, rejections, value);
  }
}
