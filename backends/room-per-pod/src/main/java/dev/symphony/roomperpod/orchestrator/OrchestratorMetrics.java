package dev.symphony.roomperpod.orchestrator;

import dev.symphony.server.metrics.TopologyMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The orchestrator's meters as the dashboards name them ({@code
 * symphony_orchestrator_cold_start_seconds}, {@code symphony_orchestrator_start_failures_total}),
 * fed as a {@link StartObserver}.
 */
public final class OrchestratorMetrics implements StartObserver {

  private final Timer coldStart;
  private final Counter failures;

  public OrchestratorMetrics(MeterRegistry registry, String orchestrator) {
    this.coldStart = TopologyMeters.orchestratorColdStart(registry, orchestrator);
    this.failures = TopologyMeters.orchestratorStartFailures(registry, orchestrator);
  }

  @Override
  public void started(String roomId, Duration duration) {
    coldStart.record(duration);
  }

  @Override
  public void failed(String roomId, Throwable cause) {
    failures.increment();
  }
}
