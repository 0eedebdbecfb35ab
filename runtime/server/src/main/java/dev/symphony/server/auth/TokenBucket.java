package dev.symphony.server.auth;

/**
 * A token bucket that may go into debt: a message is always taken (nothing is dropped silently),
 * and a bucket below zero says how long the sender must pause to pay it back. Not thread-safe: one
 * per connection and message kind, used on that connection's event loop.
 */
public final class TokenBucket {

  private final double ratePerSecond;
  private final double capacity;
  private double tokens;
  private long lastNanos;

  public TokenBucket(double ratePerSecond, double burstSeconds, long nowNanos) {
    this.ratePerSecond = ratePerSecond;
    this.capacity = ratePerSecond * burstSeconds;
    this.tokens = capacity;
    this.lastNanos = nowNanos;
  }

  /** Takes {@code amount}; returns the nanoseconds to wait until the bucket is out of debt. */
  public long take(double amount, long nowNanos) {
    refill(nowNanos);
    tokens -= amount;
    return tokens >= 0 ? 0 : (long) (-tokens / ratePerSecond * 1e9);
  }

  /** Whether the bucket has refilled to at least half: the sender has calmed down. */
  public boolean isCalm(long nowNanos) {
    refill(nowNanos);
    return tokens >= capacity / 2;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * ratePerSecond / 1e9);
      lastNanos = nowNanos;
    }
  }
}
