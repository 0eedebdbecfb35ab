package dev.symphony.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The meters the pubsub-redis and room-per-pod backends will register through {@link
 * TopologyMeters} export every series their dashboards query that a single-node process lacks.
 */
class TopologyMetersTest {

  @Test
  void coverTheSeriesOfThePubsubRedisAndRoomPerPodDashboards() {
    try (SymphonyMetrics metrics =
        new SymphonyMetrics(MetricsSettings.defaults().withTopology("room-per-pod"))) {
      var registry = metrics.registry();
      TopologyMeters.backplaneLag(registry).record(java.time.Duration.ofMillis(3));
      TopologyMeters.backplaneMessages(registry, "published").increment();
      TopologyMeters.backplaneMessages(registry, "received").increment();
      TopologyMeters.orchestratorColdStart(registry, "local-process")
          .record(java.time.Duration.ofSeconds(2));
      TopologyMeters.orchestratorBackendsActive(registry, "local-process", () -> 1);
      TopologyMeters.orchestratorStartFailures(registry, "local-process");
      TopologyMeters.proxyRelayBytes(registry, "to_backend").increment(10);
      TopologyMeters.proxyRelayBytes(registry, "to_client").increment(10);

      Set<String> exported = new TreeSet<>();
      for (String line : metrics.scrape().split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          exported.add(line.split("[{ ]", 2)[0]);
        }
      }
      Set<String> needed = new TreeSet<>(DashboardContract.seriesUsedBy("pubsub-redis"));
      needed.addAll(DashboardContract.seriesUsedBy("room-per-pod"));
      needed.removeAll(DashboardContract.seriesUsedBy("single-node"));
      assertThat(needed).isNotEmpty();
      assertThat(exported).containsAll(needed);
    }
  }
}
