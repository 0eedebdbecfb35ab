package dev.symphony.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The meters only some topologies have, named as {@code dashboards/METRICS.md} lists them. The
 * pubsub-redis node and the room-per-pod proxy register them on {@link SymphonyMetrics#registry()}
 * through these methods (so the names, tags and histograms match the dashboards); a single-node
 * process registers none of them.
 */
public final class TopologyMeters {

  private TopologyMeters() {}

  /** pubsub-redis: publish on one node to receipt on another. */
  public static Timer backplaneLag(MeterRegistry registry) {
    return MicrometerRuntimeMetrics.timer(
        registry,
        "symphony.backplane.lag",
        "pubsub-redis: publish on one node to receipt on another",
        Duration.ofNanos(100_000),
        Duration.ofSeconds(10));
  }

  /**
   * pubsub-redis: backplane messages; {@code direction} is {@code published} or {@code received}.
   */
  public static Counter backplaneMessages(MeterRegistry registry, String direction) {
    return Counter.builder("symphony.backplane.messages")
        .description("pubsub-redis backplane traffic")
        .tag("direction", direction)
        .register(registry);
  }

  /** room-per-pod: request to ready of a new room backend. */
  public static Timer orchestratorColdStart(MeterRegistry registry, String orchestrator) {
    return Timer.builder("symphony.orchestrator.cold.start")
        .description("room-per-pod: request to ready of a new room backend")
        .tag("orchestrator", orchestrator)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(registry);
  }

  /** room-per-pod: running room backends. */
  public static Gauge orchestratorBackendsActive(
      MeterRegistry registry, String orchestrator, Supplier<Number> backends) {
    return Gauge.builder("symphony.orchestrator.backends.active", backends)
        .description("room-per-pod: running room backends")
        .tag("orchestrator", orchestrator)
        .register(registry);
  }

  /** room-per-pod: backends that failed to start. */
  public static Counter orchestratorStartFailures(MeterRegistry registry, String orchestrator) {
    return Counter.builder("symphony.orchestrator.start.failures")
        .description("room-per-pod: backends that failed to start")
        .tag("orchestrator", orchestrator)
        .register(registry);
  }

  /**
   * room-per-pod: bytes the proxy relayed; {@code direction} is {@code to_backend}/{@code
   * to_client}.
   */
  public static Counter proxyRelayBytes(MeterRegistry registry, String direction) {
    return Counter.builder("symphony.proxy.relay.bytes")
        .description("room-per-pod: bytes relayed by the proxy")
        .tag("direction", direction)
        .register(registry);
  }
}
