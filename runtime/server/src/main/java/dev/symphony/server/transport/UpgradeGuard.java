package dev.symphony.server.transport;

import dev.symphony.server.auth.AccessDeniedException;
import dev.symphony.server.auth.Limits;
import dev.symphony.server.auth.RejectionCounters;
import dev.symphony.server.auth.RoomAccess;
import dev.symphony.server.auth.RoomGrant;
import dev.symphony.server.auth.SecurityConfig;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a WebSocket upgrade must pass before the handshake, in order: the browser's Origin,
 * the room token, the connection limits. One per server; thread-safe.
 */
final class UpgradeGuard {

  private static final Logger log = LoggerFactory.getLogger(UpgradeGuard.class);

  /** An admitted upgrade: what its token grants and its connection slot. */
  record Admission(RoomGrant grant, ConnectionLimiter.Slot slot) {}

  /** A refused upgrade: the HTTP status and the reason, already logged and counted. */
  static final class RefusedException extends Exception {
    final int status;

    RefusedException(int status, String reason) {
      super(reason);
      this.status = status;
    }
  }

  private final Limits limits;
  private final RoomAccess access;
  private final RejectionCounters rejections;
  private final ConnectionLimiter connections;

  UpgradeGuard(SecurityConfig security) {
    this.limits = security.limits();
    this.access = security.rooms();
    this.rejections = security.rejections();
    this.connections = new ConnectionLimiter(limits);
  }

  Admission admit(
      String roomId,
      FullHttpRequest request,
      Map<String, List<String>> parameters,
      SocketAddress remote)
      throws RefusedException {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (!limits.allowsOrigin(origin)) {
      throw refuse(
          roomId, remote, 403, "origin '" + origin + "' is not allowed", RejectionCounters.ORIGIN);
    }
    RoomGrant grant;
    try {
      grant =
          access.authorize(
              roomId,
              request.headers().get(HttpHeaderNames.AUTHORIZATION),
              parameters.getOrDefault("token", List.of()));
    } catch (AccessDeniedException e) {
      throw refuse(
          roomId,
          remote,
          e.httpStatus(),
          e.getMessage(),
          e.httpStatus() == AccessDeniedException.FORBIDDEN
              ? RejectionCounters.FORBIDDEN
              : RejectionCounters.UNAUTHORIZED);
    }
    try {
      return new Admission(grant, connections.acquire(addressOf(remote), roomId));
    } catch (ConnectionLimiter.LimitReachedException e) {
      throw refuse(roomId, remote, e.status, e.getMessage(), e.counter);
    }
  }

  /** A fresh rate limiter for one admitted connection. */
  RateLimitHandler rateLimiter(String roomId) {
    return new RateLimitHandler(roomId, limits, rejections);
  }

  HandshakeTimeoutHandler handshakeTimeout() {
    return new HandshakeTimeoutHandler(limits.handshakeTimeout(), rejections);
  }

  int openConnections() {
    return connections.total();
  }

  private RefusedException refuse(
      String roomId, SocketAddress remote, int status, String reason, String counter) {
    rejections.record(counter);
    log.warn(
        "refused connection: room={} remote={} status={} reason={}",
        roomId,
        remote,
        status,
        reason);
    return new RefusedException(status, reason);
  }

  private static String addressOf(SocketAddress remote) {
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(remote);
  }
}
