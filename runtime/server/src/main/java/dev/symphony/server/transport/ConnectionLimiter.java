package dev.symphony.server.transport;

import dev.symphony.server.auth.Limits;
import dev.symphony.server.auth.RejectionCounters;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open WebSocket connections in total, per remote address and per room, and refuses an
 * upgrade that would pass a limit. A slot is taken before the handshake and given back when the
 * channel closes. Thread-safe: upgrades arrive on every event loop.
 */
final class ConnectionLimiter {

  /** Refused because a limit is reached: an HTTP status, the reason and the counter's name. */
  static final class LimitReachedException extends Exception {
    final int status;
    final String counter;

    LimitReachedException(int status, String reason, String counter) {
      super(reason);
      this.status = status;
      this.counter = counter;
    }
  }

  /** A held slot; {@link #release()} once, when the connection closes. */
  interface Slot {
    void release();
  }

  private static final int TOO_MANY_REQUESTS = 429;
  private static final int SERVICE_UNAVAILABLE = 503;

  private final Limits limits;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> perRoom = new ConcurrentHashMap<>();

  ConnectionLimiter(Limits limits) {
    this.limits = limits;
  }

  Slot acquire(String address, String roomId) throws LimitReachedException {
    if (total.incrementAndGet() > limits.maxConnections()) {
      total.decrementAndGet();
      throw new LimitReachedException(
          SERVICE_UNAVAILABLE,
          "server is full (" + limits.maxConnections() + " connections)",
          RejectionCounters.MAX_CONNECTIONS);
    }
    if (!increment(perAddress, address, limits.maxConnectionsPerAddress())) {
      total.decrementAndGet();
      throw new LimitReachedException(
          TOO_MANY_REQUESTS,
          "too many connections from this address (" + limits.maxConnectionsPerAddress() + ")",
          RejectionCounters.MAX_CONNECTIONS_PER_ADDRESS);
    }
    if (!increment(perRoom, roomId, limits.maxConnectionsPerRoom())) {
      decrement(perAddress, address);
      total.decrementAndGet();
      throw new LimitReachedException(
          SERVICE_UNAVAILABLE,
          "room is full (" + limits.maxConnectionsPerRoom() + " connections)",
          RejectionCounters.MAX_CONNECTIONS_PER_ROOM);
    }
    AtomicInteger released = new AtomicInteger();
    return () -> {
      if (released.getAndIncrement() == 0) {
        decrement(perRoom, roomId);
        decrement(perAddress, address);
        total.decrementAndGet();
      }
    };
  }

  int total() {
    return total.get();
  }

  private static boolean increment(
      ConcurrentHashMap<String, AtomicInteger> counts, String key, int max) {
    boolean[] admitted = {false};
    counts.compute(
        key,
        (k, count) -> {
          AtomicInteger c = count == null ? new AtomicInteger() : count;
          if (c.get() < max) {
            c.incrementAndGet();
            admitted[0] = true;
          }
          return c.get() == 0 ? null : c;
        });
    return admitted[0];
  }

  private static void decrement(ConcurrentHashMap<String, AtomicInteger> counts, String key) {
    counts.computeIfPresent(key, (k, c) -> c.decrementAndGet() == 0 ? null : c);
  }
}
