package dev.symphony.server.store;

import java.time.Duration;

/**
 * Exponential backoff for retrying storage writes: the first retry after {@code initial}, each next
 * one twice as late, never later than {@code max}; {@link #reset()} after a success. Not thread
 * safe: each user keeps its own.
 */
public final class Backoff {

  public static final Duration DEFAULT_INITIAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX = Duration.ofSeconds(30);

  private final Duration initial;
  private final Duration max;
  private Duration next;

  public Backoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max");
    }
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  public static Backoff defaults() {
    return new Backoff(DEFAULT_INITIAL, DEFAULT_MAX);
  }

  /** The delay before the next retry; the one after will be twice as long (up to the cap). */
  public Duration next() {
    Duration delay = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return delay;
  }

  /** The write succeeded: the next failure retries quickly again. */
  public void reset() {
    next = initial;
  }
}
