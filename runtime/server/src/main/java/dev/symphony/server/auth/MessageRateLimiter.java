package dev.symphony.server.auth;

/**
 * The rate limits of one connection: document updates and awareness each have a message bucket and
 * a byte bucket. Over the limit, the connection is first throttled (the transport stops reading
 * from it for the time the buckets need to recover); throttled for longer than {@link
 * Limits#floodCloseAfter()} without calming down, it is closed. Used on the connection's event loop
 * only.
 */
public final class MessageRateLimiter {

  /** What to do with the connection after a message. */
  public sealed interface Verdict {}

  /** Under the limits. */
  public record Pass() implements Verdict {}

  /** Stop reading for {@code pauseNanos}. */
  public record Throttle(long pauseNanos) implements Verdict {}

  /** Flooding persisted: close with 1008 and this reason. */
  public record Close(String reason) implements Verdict {}

  private static final Pass PASS = new Pass();

  private final Limits limits;
  private final TokenBucket updateMessages;
  private final TokenBucket updateBytes;
  private final TokenBucket awarenessMessages;
  private final TokenBucket awarenessBytes;
  private long throttledSinceNanos = -1;

  public MessageRateLimiter(Limits limits, long nowNanos) {
    this.limits = limits;
    Limits.Rate u = limits.updateRate();
    Limits.Rate a = limits.awarenessRate();
    updateMessages = new TokenBucket(u.messagesPerSecond(), u.burstSeconds(), nowNanos);
    updateBytes = new TokenBucket(u.bytesPerSecond(), u.burstSeconds(), nowNanos);
    awarenessMessages = new TokenBucket(a.messagesPerSecond(), a.burstSeconds(), nowNanos);
    awarenessBytes = new TokenBucket(a.bytesPerSecond(), a.burstSeconds(), nowNanos);
  }

  /** Accounts a document update (sync step 2 or update) of {@code bytes}. */
  public Verdict update(int bytes, long nowNanos) {
    return verdict(
        Math.max(updateMessages.take(1, nowNanos), updateBytes.take(bytes, nowNanos)),
        updateMessages.isCalm(nowNanos) && updateBytes.isCalm(nowNanos),
        "updates",
        nowNanos);
  }

  /** Accounts an awareness update of {@code bytes}. */
  public Verdict awareness(int bytes, long nowNanos) {
    return verdict(
        Math.max(awarenessMessages.take(1, nowNanos), awarenessBytes.take(bytes, nowNanos)),
        awarenessMessages.isCalm(nowNanos) && awarenessBytes.isCalm(nowNanos),
        "awareness updates",
        nowNanos);
  }

  private Verdict verdict(long pauseNanos, boolean calm, String kind, long nowNanos) {
    if (pauseNanos == 0) {
      if (calm) {
        throttledSinceNanos = -1;
      }
      return PASS;
    }
    if (throttledSinceNanos < 0) {
      throttledSinceNanos = nowNanos;
    } else if (nowNanos - throttledSinceNanos > limits.floodCloseAfter().toNanos()) {
      return new Close("rate limit: too many " + kind + " for too long");
    }
    return new Throttle(pauseNanos);
  }
}
