package dev.symphony.server.auth;

import java.net.SocketAddress;
import java.util.List;

/**
 * Guards the admin API and dashboard. The admin handlers call {@link #authorize} for each request
 * and answer with {@link AccessDeniedException#httpStatus()} and its message when it throws.
 */
public interface AdminAccess {

  /**
   * @param authorization the {@code Authorization} header, or null
   * @param tokenParameters the values of the {@code token} query parameter (may be empty)
   * @param remote the peer's address
   */
  void authorize(String authorization, List<String> tokenParameters, SocketAddress remote)
      throws AccessDeniedException;
}
