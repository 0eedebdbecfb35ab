package dev.symphony.roomperpod.proxy;

import dev.symphony.roomperpod.orchestrator.RoomOrchestrator;
import dev.symphony.server.metrics.MetricsSettings;
import dev.symphony.server.metrics.SymphonyMetrics;
import dev.symphony.server.metrics.TopologyMeters;
import io.micrometer.core.instrument.Counter;

/**
 * The proxy's {@code /metrics}: the process's JVM meters under {@code topology="room-per-pod"}, the
 * bytes it relayed each way and the room backends its orchestrator runs.
 */
public final class ProxyMetrics implements AutoCloseable {

  private final SymphonyMetrics metrics;
  private final Counter toBackend;
  private final Counter toClient;

  public ProxyMetrics() {
    this.metrics = new SymphonyMetrics(MetricsSettings.defaults().withTopology("room-per-pod"));
    this.toBackend = TopologyMeters.proxyRelayBytes(metrics.registry(), "to_backend");
    this.toClient = TopologyMeters.proxyRelayBytes(metrics.registry(), "to_client");
  }

  /** Counts the backends {@code orchestrator} runs. */
  public void watch(RoomOrchestrator orchestrator) {
    TopologyMeters.orchestratorBackendsActive(
        metrics.registry(), orchestrator.kind(), () -> orchestrator.active().size());
  }

  public SymphonyMetrics metrics() {
    return metrics;
  }

  Counter toBackend() {
    return toBackend;
  }

  Counter toClient() {
    return toClient;
  }

  @Override
  public void close() {
    metrics.close();
  }
}
