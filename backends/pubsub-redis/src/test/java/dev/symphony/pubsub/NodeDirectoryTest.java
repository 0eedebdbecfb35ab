package dev.symphony.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The room directory against a real (test-owned) Redis. */
class NodeDirectoryTest {

  private static RedisProcess server;

  @BeforeAll
  static void startRedis() throws Exception {
    server =
        RedisProcess.start(Files.createDirectories(Path.of("target")).resolve("dir-redis.log"));
  }

  @AfterAll
  static void stopRedis() throws Exception {
    server.close();
  }

  @Test
  void liveNodesAndRoomHoldersExpireWithTheirHeartbeat() throws Exception {
    Duration ttl = Duration.ofMillis(700);
    try (Redis redis = Redis.connect(server.uri())) {
      NodeDirectory one = new NodeDirectory(redis, "d1", "node-1", "10.0.0.1:1234", ttl);
      NodeDirectory two = new NodeDirectory(redis, "d1", "node-2", "10.0.0.2:1234", ttl);
      assertThat(one.heartbeat(7, 1)).isTrue();
      assertThat(two.heartbeat(3, 1)).isTrue();
      one.joined("board");
      two.rejoin(Set.of("board"));
      assertThat(one.holders("board")).containsExactly("node-1", "node-2");
      assertThat(one.nodes().get("node-1"))
          .isEqualTo(new NodeDirectory.NodeInfo("node-1", "10.0.0.1:1234", 7, 1));

      // node-2 stops beating (it died): it vanishes from the nodes and the room's holders.
      long end = System.nanoTime() + ttl.multipliedBy(2).toNanos();
      while (System.nanoTime() < end) {
        one.heartbeat(7, 1);
        Thread.sleep(100);
      }
      assertThat(one.alive("node-2")).isFalse();
      assertThat(one.nodes()).containsOnlyKeys("node-1");
      assertThat(one.holders("board")).containsExactly("node-1");

      one.left("board");
      Thread.sleep(50);
      assertThat(one.holders("board")).isEmpty();
      one.leave(Set.of());
      assertThat(one.alive("node-1")).isFalse();
    }
  }
}
