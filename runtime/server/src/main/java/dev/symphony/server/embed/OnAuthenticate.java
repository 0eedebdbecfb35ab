package dev.symphony.server.embed;

import dev.symphony.server.auth.AccessDeniedException;
import dev.symphony.server.auth.RoomGrant;

/**
 * Decides whether a WebSocket connection may join, from the token it presents ({@code ?token=} or
 * {@code Authorization: Bearer}); a connection without a token is refused with 401 before this is
 * asked.
 *
 * <p><b>Thread:</b> the connection's Netty I/O event loop, during the upgrade request. The same
 * loops run rooms, so this must answer quickly (check a signature, read a cache): a blocking call
 * stalls every room on that loop until it returns. To ask a remote service, cache its answers and
 * consult only the cache here.
 */
@FunctionalInterface
public interface OnAuthenticate {

  /**
   * @return what the token grants: the room (or prefix {@code room*}) must cover the room being
   *     joined, else the connection is refused with 403; a read-only grant joins without write
   * @throws AccessDeniedException to refuse (its status, 401 or 403, and reason go to the client);
   *     any other exception or a null grant refuses with 401 and is logged
   */
  RoomGrant authenticate(String token) throws AccessDeniedException;
}
