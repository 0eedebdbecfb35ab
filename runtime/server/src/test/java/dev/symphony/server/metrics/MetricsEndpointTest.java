package dev.symphony.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.RoomServer;
import dev.symphony.server.config.ObservabilityConfig;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.protocol.YMessage;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import dev.symphony.server.store.UpdateLog;
import dev.symphony.server.testing.RawWebSocket;
import dev.symphony.server.testing.TestServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} of a live server under real client traffic exports every series the
 * single-node dashboards query, with the common tags, and per-room series only for the top rooms.
 */
class MetricsEndpointTest {

  @Test
  void exportsEverySeriesTheSingleNodeDashboardsQuery() throws Exception {
    try (TestServer server =
            TestServer.start(
                c ->
                    c.withRooms(
                        RoomSettings.defaults().withCheckpointInterval(Duration.ofMillis(100))));
        ClientTraffic traffic =
            new ClientTraffic(server.wsUrl(), List.of("metrics-a", "metrics-b"), 2, 50)) {
      URI metrics = server.httpUrl("/metrics");
      eventually(
          () -> {
            try {
              return Scrape.of(metrics).value("symphony_checkpoint_seconds_count") > 0
                  && Scrape.of(metrics)
                          .value("symphony_messages_received_total", "type=\"sync_update\"")
                      > 0;
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });
      Scrape scrape = Scrape.of(metrics);

      Set<String> missing = new TreeSet<>(DashboardContract.seriesUsedBy("single-node"));
      missing.removeAll(scrape.names());
      assertThat(missing)
          .as("series the single-node dashboards query but /metrics lacks")
          .isEmpty();
      assertThat(scrape.contentType()).startsWith("text/plain");

      assertThat(scrape.value("symphony_connections", "topology=\"single-node\"", "node=\""))
          .isEqualTo(4);
      assertThat(scrape.value("symphony_rooms_active")).isEqualTo(2);
      assertThat(scrape.value("symphony_room_connections", "room=\"metrics-a\"")).isEqualTo(2);
      assertThat(scrape.value("symphony_room_document_bytes", "room=\"metrics-b\""))
          .isGreaterThan(0);
      assertThat(scrape.value("symphony_document_bytes")).isGreaterThan(0);
      assertThat(scrape.value("symphony_messages_sent_total", "type=\"sync_update\""))
          .isGreaterThan(0);
      assertThat(scrape.value("symphony_bytes_received_total", "type=\"awareness\""))
          .isGreaterThan(0);
      assertThat(scrape.value("symphony_update_apply_seconds_count")).isGreaterThan(0);
      assertThat(scrape.value("symphony_fanout_seconds_count")).isGreaterThan(0);
      assertThat(scrape.value("process_resident_memory_bytes")).isGreaterThan(10e6);
      // Counters with tags exist before anything happened to them.
      assertThat(scrape.value("symphony_connections_rejected_total", "reason=\"slow_receiver\""))
          .isZero();
      assertThat(scrape.value("symphony_messages_received_total", "type=\"auth\"")).isZero();
      // Topology-specific meters are the backends' business.
      assertThat(scrape.names()).noneMatch(name -> name.startsWith("symphony_backplane"));
      assertThat(scrape.names()).noneMatch(name -> name.startsWith("symphony_orchestrator"));
      // Every series carries the common tags.
      assertThat(scrape.samples())
          .allMatch(s -> s.contains("topology=\"single-node\"") && s.contains("node=\""));
    }
  }

  @Test
  void perRoomSeriesAreBoundedToTheBusiestRooms() throws Exception {
    ServerConfig config =
        ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIoThreads(2);
    ObservabilityConfig observability =
        ObservabilityConfig.defaults()
            .withMetrics(MetricsSettings.defaults().withNode("test-node").withTopRooms(2));
    RoomServer server =
        RoomServer.start(
            config,
            new MemoryDocumentStore(),
            new MemoryRoomCatalog(),
            UpdateLog.NONE,
            observability);
    URI ws = URI.create("ws://127.0.0.1:" + server.address().getPort());
    URI metrics = URI.create("http://127.0.0.1:" + server.address().getPort() + "/metrics");
    try (server;
        ClientTraffic busy = new ClientTraffic(ws, List.of("busy"), 3, 60_000);
        ClientTraffic medium = new ClientTraffic(ws, List.of("medium"), 2, 60_000);
        ClientTraffic quiet = new ClientTraffic(ws, List.of("q1", "q2", "q3"), 1, 60_000)) {
      Scrape scrape = Scrape.of(metrics);
      assertThat(scrape.samples("symphony_room_connections"))
          .hasSize(2)
          .anyMatch(s -> s.contains("room=\"busy\"") && s.endsWith(" 3.0"))
          .anyMatch(s -> s.contains("room=\"medium\"") && s.endsWith(" 2.0"));
      assertThat(scrape.samples("symphony_room_document_bytes")).hasSize(2);
      assertThat(scrape.value("symphony_rooms_active", "node=\"test-node\"")).isEqualTo(5);

      busy.close(); // its room drops out of the top two once its clients are gone
      eventually(
          () -> {
            try {
              return Scrape.of(metrics)
                  .samples("symphony_room_connections", "room=\"busy\"")
                  .isEmpty();
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });
      assertThat(Scrape.of(metrics).samples("symphony_room_connections")).hasSize(2);
    }
  }

  @Test
  void countsConnectionsTheServerClosesByReason() throws Exception {
    try (TestServer server = TestServer.start()) {
      URI metrics = server.httpUrl("/metrics");
      try (RawWebSocket client = RawWebSocket.connect(URI.create(server.wsUrl() + "/rejects"))) {
        client.next(YMessage.SyncStep1.class);
        client.sendText("not y-websocket");
        client.awaitClose();
      }
      try (RawWebSocket client = RawWebSocket.connect(URI.create(server.wsUrl() + "/rejects"))) {
        client.next(YMessage.SyncStep1.class);
        client.send(new byte[] {0, 2, 5, 1}); // an update that ends too early
        client.awaitClose();
      }
      eventually(
          () -> {
            try {
              return Scrape.of(metrics)
                      .value("symphony_connections_rejected_total", "reason=\"malformed_message\"")
                  == 2;
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });
      Scrape scrape = Scrape.of(metrics);
      assertThat(scrape.value("symphony_connections_rejected_total", "reason=\"slow_receiver\""))
          .isZero();
      assertThat(scrape.value("symphony_connections")).isZero();
    }
  }

  @Test
  void fiveThousandRoomsStillExportFiftySeriesPerRoomMetric() throws Exception {
    try (TestServer server = TestServer.start()) {
      for (int i = 0; i < 5_000; i++) {
        server.server.rooms().load("room-" + i);
      }
      eventually(() -> server.server.rooms().size() == 5_000);
      URI metrics = server.httpUrl("/metrics");
      Scrape.of(metrics); // warm up
      long start = System.nanoTime();
      Scrape scrape = Scrape.of(metrics);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(scrape.value("symphony_rooms_active")).isEqualTo(5_000);
      assertThat(scrape.samples("symphony_room_connections")).hasSize(50);
      assertThat(scrape.samples("symphony_room_document_bytes")).hasSize(50);
      System.out.printf(
          "5,000 rooms: /metrics has %d samples, scraped in %d ms%n",
          scrape.samples().size(), millis);
    }
  }

  static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(50);
    }
  }
}
