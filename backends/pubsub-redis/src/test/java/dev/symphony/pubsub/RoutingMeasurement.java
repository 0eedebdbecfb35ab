package dev.symphony.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, on demand ({@code -Dpubsub.measure=true}), the duplication factor (nodes holding each
 * active room, read from the directory) under room-affinity routing (as HAProxy {@code balance uri}
 * with consistent hashing would route: a room's clients on one node, the next node when it dies)
 * and under least-connections routing, and the fan-out latency of edits between clients of one room
 * (send to receipt, in this JVM, so one clock). Prints the figures; it asserts only what must hold
 * (affinity: one node per room).
 */
@EnabledIfSystemProperty(named = "pubsub.measure", matches = "true")
class RoutingMeasurement {

  private static final int NODES = 3;
  private static final int ROOMS = 20;
  private static final int USERS = 4;
  private static final Pattern STAMP = Pattern.compile("\\[t:(\\d+):(\\d+)]");

  @TempDir Path work;

  @Test
  void duplicationAndFanOut() throws Exception {
    Path logs = Files.createDirectories(Path.of("target", "measure-logs"));
    try (RedisProcess redis = RedisProcess.start(logs.resolve("redis.log"))) {
      List<NodeProcess> nodes = new ArrayList<>();
      try {
        for (int i = 0; i < NODES; i++) {
          nodes.add(NodeProcess.start("m-" + i, redis.uri(), work.resolve("docs"), logs));
        }
        double affinity = run("affinity", nodes, true);
        double leastConnections = run("leastconn", nodes, false);
        System.out.printf(
            "duplication factor (nodes per active room): affinity %.2f, least-connections %.2f%n",
            affinity, leastConnections);
        assertThat(affinity).isEqualTo(1.0);
      } finally {
        for (NodeProcess node : nodes) {
          node.close();
        }
      }
    }
  }

  private double run(String label, List<NodeProcess> nodes, boolean affinity) throws Exception {
    List<RoomClient> clients = new ArrayList<>();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    int[] connections = new int[nodes.size()];
    try {
      for (int r = 0; r < ROOMS; r++) {
        String room = label + "-" + r;
        for (int u = 0; u < USERS; u++) {
          int node;
          if (affinity) {
            node = Math.floorMod(room.hashCode(), nodes.size());
          } else {
            node = 0;
            for (int n = 1; n < nodes.size(); n++) {
              if (connections[n] < connections[node]) {
                node = n;
              }
            }
          }
          connections[node]++;
          RoomClient client = RoomClient.connect(URI.create(nodes.get(node).url()), room);
          String self = Integer.toString(clients.size());
          client.synced().get(30, TimeUnit.SECONDS);
          client
              .read(
                  doc ->
                      doc.onUpdate(
                          update -> {
                            long now = System.nanoTime();
                            Matcher m =
                                STAMP.matcher(new String(update, StandardCharsets.ISO_8859_1));
                            while (m.find()) {
                              if (!m.group(2).equals(self)) { // not its own edit
                                latencies.add(now - Long.parseLong(m.group(1)));
                              }
                            }
                          }))
              .join();
          clients.add(client);
        }
      }
      // Every user edits every 200 ms for 10 s; the directory is sampled once a second.
      List<Integer> holders = new ArrayList<>();
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      long nextSample = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < end) {
        for (int i = 0; i < clients.size(); i++) {
          String self = Integer.toString(i);
          clients
              .get(i)
              .change(
                  doc -> doc.getText("t").insert(0, "[t:" + System.nanoTime() + ":" + self + "]"));
        }
        if (System.nanoTime() > nextSample) {
          nextSample += Duration.ofSeconds(1).toNanos();
          for (int r = 0; r < ROOMS; r++) {
            holders.add(holders(nodes.get(0), label + "-" + r));
          }
        }
        Thread.sleep(200);
      }
      Thread.sleep(1000);
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      double factor = holders.stream().mapToInt(Integer::intValue).average().orElse(0);
      System.out.printf(
          "%s: %d clients, %d deliveries, fan-out p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
              + " nodes per room %.2f%n",
          label,
          clients.size(),
          sorted.length,
          percentile(sorted, 0.50),
          percentile(sorted, 0.99),
          sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6,
          factor);
      return factor;
    } finally {
      clients.forEach(RoomClient::close);
      Thread.sleep(3000); // rooms unload after their grace period
    }
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static int holders(NodeProcess node, String room) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      String body =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + node.port() + "/cluster?room=" + room))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      String list = body.replaceAll(".*\"holders\":\\[([^]]*)].*", "$1");
      return list.isBlank() ? 0 : (int) Arrays.stream(list.split(",")).count();
    }
  }
}
