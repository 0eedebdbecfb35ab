package dev.symphony.server.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Counts refused and closed connections by reason ({@code unauthorized}, {@code forbidden}, {@code
 * origin}, {@code max_connections}, {@code max_connections_per_address}, {@code
 * max_connections_per_room}, {@code rate_limited}, {@code handshake_timeout}). The metrics module
 * binds {@code symphony_connections_rejected_total{reason}} to {@link #count(String)} or listens
 * with {@link #onRejection}. One instance per server; thread-safe.
 */
public final class RejectionCounters {

  public static final String UNAUTHORIZED = "unauthorized";
  public static final String FORBIDDEN = "forbidden";
  public static final String ORIGIN = "origin";
  public static final String MAX_CONNECTIONS = "max_connections";
  public static final String MAX_CONNECTIONS_PER_ADDRESS = "max_connections_per_address";
  public static final String MAX_CONNECTIONS_PER_ROOM = "max_connections_per_room";
  public static final String RATE_LIMITED = "rate_limited";
  public static final String THROTTLED = "throttled";
  public static final String HANDSHAKE_TIMEOUT = "handshake_timeout";

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<BiConsumer<String, Long>> listeners =
      new CopyOnWriteArrayList<>();

  public void record(String reason) {
    counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    for (BiConsumer<String, Long> listener : listeners) {
      listener.accept(reason, 1L);
    }
  }

  public long count(String reason) {
    LongAdder adder = counts.get(reason);
    return adder == null ? 0 : adder.sum();
  }

  /** A snapshot of every reason seen so far. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    counts.forEach((reason, adder) -> copy.put(reason, adder.sum()));
    return copy;
  }

  /** Called with (reason, 1) for each rejection from now on, on the rejecting thread. */
  public void onRejection(BiConsumer<String, Long> listener) {
    listeners.add(listener);
  }
}
