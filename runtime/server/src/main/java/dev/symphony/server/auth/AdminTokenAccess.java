package dev.symphony.server.auth;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The admin token check: with an admin token configured, requests must carry it; without one, only
 * loopback clients of a server in dev mode (no auth configured) get in.
 */
public final class AdminTokenAccess implements AdminAccess {

  private final byte[] adminToken;
  private final boolean devMode;

  /**
   * @param adminToken the admin token, or null for none
   * @param devMode whether the server runs without auth (then loopback clients need no token)
   */
  public AdminTokenAccess(String adminToken, boolean devMode) {
    this.adminToken =
        adminToken == null || adminToken.isEmpty()
            ? null
            : adminToken.getBytes(StandardCharsets.UTF_8);
    this.devMode = devMode;
  }

  @Override
  public void authorize(String authorization, List<String> tokenParameters, SocketAddress remote)
      throws AccessDeniedException {
    boolean hasCredential =
        authorization != null && !authorization.isBlank()
            || tokenParameters != null && !tokenParameters.isEmpty();
    if (devMode && isLoopback(remote) && (adminToken == null || !hasCredential)) {
      return;
    }
    if (adminToken == null) {
      throw AccessDeniedException.forbidden(
          "the admin API needs SYMPHONY_ADMIN_TOKEN on this server (or dev mode on loopback)");
    }
    String presented = RoomAccess.tokenOf(authorization, tokenParameters);
    // Constant time, so the token cannot be guessed byte by byte from response times.
    if (!MessageDigest.isEqual(adminToken, presented.getBytes(StandardCharsets.UTF_8))) {
      throw AccessDeniedException.unauthorized("wrong admin token");
    }
  }

  private static boolean isLoopback(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet
        && inet.getAddress() != null
        && inet.getAddress().isLoopbackAddress();
  }
}
