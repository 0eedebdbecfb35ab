package dev.symphony.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes a running server under client traffic, and every query of the
 * single-node dashboards ({@code dashboards/generated/queries.json}) returns data through
 * Prometheus's HTTP API.
 */
class PrometheusDashboardQueriesTest {

  private static final String ROOM = "prom-room";

  @Test
  void everySingleNodeDashboardQueryReturnsData(@TempDir Path dir) throws Exception {
    LocalPrometheus.binary();
    try (TestServer server =
            TestServer.start(
                c ->
                    c.withRooms(
                        RoomSettings.defaults().withCheckpointInterval(Duration.ofMillis(200))));
        ClientTraffic traffic =
            new ClientTraffic(server.wsUrl(), List.of(ROOM, "prom-other"), 2, 100);
        LocalPrometheus prometheus =
            LocalPrometheus.start(dir, "127.0.0.1:" + server.server.address().getPort())) {
      // rate() over 1m needs two samples of each series; wait for a few scrapes.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!scrapedEnough(prometheus)) {
        assertThat(System.nanoTime())
            .as("Prometheus scraped Symphony in time")
            .isLessThan(deadline);
        Thread.sleep(250);
      }
      List<DashboardContract.Query> queries = DashboardContract.queries("single-node");
      assertThat(queries).hasSizeGreaterThan(20);
      List<String> empty = new ArrayList<>();
      for (DashboardContract.Query query : queries) {
        List<JsonNode> result = prometheus.query(query.forPrometheus(ROOM));
        if (result.isEmpty()) {
          empty.add(query + "\n    sent: " + query.forPrometheus(ROOM));
        }
      }
      assertThat(empty).as("dashboard queries without data").isEmpty();
      // And the figures are the live ones.
      assertThat(value(prometheus.query("sum(symphony_connections)"))).isEqualTo(4);
      assertThat(value(prometheus.query("sum(symphony_room_connections{room=\"" + ROOM + "\"})")))
          .isEqualTo(2);
      assertThat(value(prometheus.query("sum(rate(symphony_messages_received_total[1m]))")))
          .isPositive();
    }
  }

  private static boolean scrapedEnough(LocalPrometheus prometheus) throws Exception {
    List<JsonNode> samples =
        prometheus.query("count_over_time(symphony_checkpoint_seconds_count[1m])");
    return !samples.isEmpty() && value(samples) >= 4;
  }

  private static double value(List<JsonNode> result) {
    assertThat(result).hasSize(1);
    return Double.parseDouble(result.get(0).get("value").get(1).asText());
  }
}
