package dev.symphony.cli.serve;

import dev.symphony.server.auth.SecurityConfig;
import java.io.PrintWriter;

/**
 * Secure by default: without room tokens the server listens on loopback only, unless the user says
 * {@code --insecure}; the banner says which mode it runs in.
 */
final class InsecureBind {

  private InsecureBind() {}

  /** Refuses a non-loopback address without auth unless {@code insecure}. */
  static void check(String host, SecurityConfig security, boolean insecure) {
    if (!security.authEnabled() && !insecure && !ServeCommand.isLoopback(host)) {
      throw new ServeSettings.InvalidSettingException(
          "refusing to listen on "
              + host
              + " without authentication: set SYMPHONY_AUTH_JWT_SECRET (or --auth-jwt-secret,"
              + " --auth-public-key, --auth-jwks-url) so clients need room tokens, or add"
              + " --insecure to let anyone who reaches the port read and change every document");
    }
  }

  static void describe(
      PrintWriter out, PrintWriter err, String host, int port, SecurityConfig security) {
    if (security.authEnabled()) {
      out.println("  auth:    room tokens required (" + security.tokens().description() + ")");
    } else if (ServeCommand.isLoopback(host)) {
      out.println(
          "  auth:    none (dev mode): listening on loopback only; set SYMPHONY_AUTH_JWT_SECRET"
              + " to require room tokens");
    }
    if (security.tls() != null) {
      out.println(
          "  tls:     clients connect with wss:// (certificate "
              + security.tls().certificateChain()
              + ")");
    }
    out.println(
        security.adminToken() != null
            ? "  admin:   admin token required"
            : security.authEnabled()
                ? "  admin:   disabled (set SYMPHONY_ADMIN_TOKEN)"
                : "  admin:   open to loopback clients (dev mode)");
    out.flush();
    if (!security.authEnabled() && !ServeCommand.isLoopback(host)) {
      err.println(
          "WARNING: --insecure: listening on "
              + host
              + " without authentication: anyone who can reach port "
              + port
              + " can read and change every document.");
      err.flush();
    }
  }
}
