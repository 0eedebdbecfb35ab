package dev.symphony.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime's meters in a Micrometer registry, named as {@code dashboards/METRICS.md} lists them.
 * Every tagged counter is registered up front for each known tag value, so the series exist (at 0)
 * from the first scrape and dashboards never show "no data" for a quiet process.
 */
final class MicrometerRuntimeMetrics implements RuntimeMetrics {

  private final Map<MessageType, Counter> messagesIn = new EnumMap<>(MessageType.class);
  private final Map<MessageType, Counter> messagesOut = new EnumMap<>(MessageType.class);
  private final Map<MessageType, Counter> bytesIn = new EnumMap<>(MessageType.class);
  private final Map<MessageType, Counter> bytesOut = new EnumMap<>(MessageType.class);
  private final Map<RejectReason, Counter> rejections = new EnumMap<>(RejectReason.class);
  private final AtomicLong connections = new AtomicLong();
  private final Timer updateApply;
  private final Timer fanout;
  private final Timer checkpoint;
  private final Counter checkpointFailures;

  MicrometerRuntimeMetrics(MeterRegistry registry) {
    for (MessageType type : MessageType.values()) {
      messagesIn.put(type, counter(registry, "symphony.messages.received", "type", type.tag()));
      messagesOut.put(type, counter(registry, "symphony.messages.sent", "type", type.tag()));
      bytesIn.put(type, counter(registry, "symphony.bytes.received", "type", type.tag()));
      bytesOut.put(type, counter(registry, "symphony.bytes.sent", "type", type.tag()));
    }
    for (RejectReason reason : RejectReason.values()) {
      rejections.put(
          reason, counter(registry, "symphony.connections.rejected", "reason", reason.tag()));
    }
    Gauge.builder("symphony.connections", connections, AtomicLong::get)
        .description("open WebSocket connections")
        .register(registry);
    updateApply =
        timer(
            registry,
            "symphony.update.apply",
            "time to apply one update to a room's document",
            Duration.ofNanos(10_000),
            Duration.ofSeconds(1));
    fanout =
        timer(
            registry,
            "symphony.fanout",
            "time to hand one message to all of a room's other connections",
            Duration.ofNanos(10_000),
            Duration.ofSeconds(1));
    checkpoint =
        timer(
            registry,
            "symphony.checkpoint",
            "time to write one snapshot",
            Duration.ofMillis(1),
            Duration.ofSeconds(60));
    checkpointFailures =
        Counter.builder("symphony.checkpoint.failures")
            .description("snapshot writes that failed")
            .register(registry);
  }

  static Timer timer(
      MeterRegistry registry, String name, String description, Duration min, Duration max) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(min)
        .maximumExpectedValue(max)
        .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String name, String tag, String value) {
    return Counter.builder(name).tag(tag, value).register(registry);
  }

  @Override
  public void received(MessageType type, int bytes) {
    messagesIn.get(type).increment();
    bytesIn.get(type).increment(bytes);
  }

  @Override
  public void sent(MessageType type, int bytes) {
    messagesOut.get(type).increment();
    bytesOut.get(type).increment(bytes);
  }

  @Override
  public void connectionsChanged(int delta) {
    connections.addAndGet(delta);
  }

  @Override
  public void rejected(RejectReason reason) {
    rejections.get(reason).increment();
  }

  @Override
  public void updateApplied(long nanos) {
    updateApply.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void fannedOut(long nanos) {
    fanout.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void checkpointed(long nanos, boolean succeeded) {
    checkpoint.record(nanos, TimeUnit.NANOSECONDS);
    if (!succeeded) {
      checkpointFailures.increment();
    }
  }

  /** Open connections now. */
  long connections() {
    return connections.get();
  }
}
