package dev.symphony.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes as separate processes, sharing a test-owned Redis and one document folder, with real Yjs
 * clients (yjs + y-websocket) spread over them.
 */
class ClusterTest {

  @TempDir Path work;

  private RedisProcess redis;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private Path documents;

  @BeforeEach
  void startRedis() throws Exception {
    Path logs = Files.createDirectories(Path.of("target", "cluster-logs"));
    redis = RedisProcess.start(logs.resolve("redis-" + System.nanoTime() + ".log"));
    documents = Files.createDirectories(work.resolve("documents"));
  }

  @AfterEach
  void stopAll() throws Exception {
    for (NodeProcess node : nodes) {
      node.close();
    }
    redis.close();
  }

  private List<NodeProcess> startNodes(String prefix, int count) throws Exception {
    Path logs = Path.of("target", "cluster-logs");
    List<NodeProcess> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      NodeProcess node =
          NodeProcess.start(prefix + "-" + (char) ('a' + i), redis.uri(), documents, logs);
      nodes.add(node);
      started.add(node);
    }
    return started;
  }

  private static List<String> urls(List<NodeProcess> nodes) {
    return nodes.stream().map(NodeProcess::url).toList();
  }

  @Test
  void clientsSpreadOverThreeNodesConvergeAndLateJoinersGetEverything() throws Exception {
    List<NodeProcess> cluster = startNodes("spread", 3);
    String result =
        ClusterScript.run(
            "spread",
            "shared-board",
            urls(cluster),
            step -> {
              throw new AssertionError("unexpected step " + step);
            },
            Duration.ofSeconds(90));
    System.out.println(result);
    assertThat(result).contains("late joiners agree");
    // The directory lists the nodes holding the room; /load reports each node's load.
    String holders = get(cluster.get(0), "/cluster?room=shared-board");
    assertThat(holders).contains("\"holders\":[").contains("\"leaseHolder\":\"spread-");
    assertThat(get(cluster.get(1), "/load"))
        .contains("\"connections\":")
        .contains("\"redis\":\"up\"");
    assertThat(get(cluster.get(2), "/metrics")).contains("symphony_backplane_lag_seconds");

    // The clients are gone: the lease holder's checkpoints store the document and trim the stream
    // (nothing else would empty it), and the last node to unload gives the lease back.
    RedisKeys keys = new RedisKeys("symphony", "shared-board");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!redis.cli("XLEN", keys.updateStream()).equals("0")
        || !redis.cli("EXISTS", keys.checkpointLease()).equals("0")) {
      assertThat(System.nanoTime())
          .as("waiting for the final checkpoint and trim")
          .isLessThan(deadline);
      Thread.sleep(200);
    }
    try (var files = Files.list(documents)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .anyMatch(f -> f.contains("shared-board"));
    }
  }

  @Test
  void nodeKilledWhileClientsEditLosesNothingThatReachedTheLog() throws Exception {
    List<NodeProcess> cluster = startNodes("failover", 3);
    String result =
        ClusterScript.run(
            "failover",
            "failover-room",
            urls(cluster),
            step -> {
              switch (step) {
                case "kill-a" -> cluster.get(0).kill();
                case "kill-b" -> cluster.get(1).kill();
                default -> throw new AssertionError("unexpected step " + step);
              }
            },
            Duration.ofSeconds(120));
    System.out.println(result);
    assertThat(result).contains("survived two node kills");
  }

  @Test
  void redisKilledAndRestartedWhileClientsEditOnTwoNodes() throws Exception {
    List<NodeProcess> cluster = startNodes("outage", 2);
    String result =
        ClusterScript.run(
            "redis-restart",
            "outage-room",
            urls(cluster),
            step -> {
              switch (step) {
                case "kill-redis" -> redis.kill();
                case "start-redis" -> redis.restart();
                default -> throw new AssertionError("unexpected step " + step);
              }
            },
            Duration.ofSeconds(120));
    System.out.println(result);
    assertThat(result).contains("converged after a Redis restart");
  }

  @Test
  void droppedSubscriptionsAreCaughtUp() throws Exception {
    List<NodeProcess> cluster = startNodes("drop", 2);
    String result =
        ClusterScript.run(
            "subscription-drop",
            "drop-room",
            urls(cluster),
            step -> {
              if (!step.equals("drop-subscriptions")) {
                throw new AssertionError("unexpected step " + step);
              }
              redis.dropSubscribers();
            },
            Duration.ofSeconds(90));
    System.out.println(result);
    assertThat(result).contains("converged after 3 dropped subscriptions");
  }

  @Test
  void aRoomWhoseHolderDiedAloneIsAdoptedCheckpointedAndTrimmed() throws Exception {
    Path logs = Path.of("target", "cluster-logs");
    NodeProcess a = NodeProcess.start("adopt-a", redis.uri(), documents, logs, true);
    nodes.add(a);
    NodeProcess b = NodeProcess.start("adopt-b", redis.uri(), documents, logs, true);
    nodes.add(b);
    RedisKeys keys = new RedisKeys("symphony", "orphan");
    StringBuilder expected = new StringBuilder();
    try (RoomClient writer = RoomClient.connect(URI.create(a.url()), "orphan")) {
      writer.synced().get(30, TimeUnit.SECONDS);
      for (int i = 0; i < 40; i++) {
        String line = "line " + i + "\n";
        expected.append(line);
        writer.change(doc -> doc.getText("t").insert(doc.getText("t").length(), line)).join();
        Thread.sleep(10);
      }
      awaitTrue(
          "the last lines in the stream",
          () -> !redis.cli("XLEN", keys.updateStream()).equals("0"));
      a.kill(); // holds the lease, has not checkpointed its last lines; b never held the room
    }
    // b adopts the room once a's lease expired: it loads, checkpoints, trims, unloads.
    awaitTrue(
        "b to adopt, checkpoint and trim the room",
        () -> redis.cli("XLEN", keys.updateStream()).equals("0"));
    try (RoomClient reader = RoomClient.connect(URI.create(b.url()), "orphan")) {
      reader.synced().get(30, TimeUnit.SECONDS);
      assertThat(reader.read(doc -> doc.getText("t").toString()).join())
          .isEqualTo(expected.toString());
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(String what, Condition condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.holds()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static String get(NodeProcess node, String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      return response.body();
    }
  }
}
