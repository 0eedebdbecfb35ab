package dev.symphony.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checkpoint lease against a real (test-owned) Redis. */
class CheckpointLeaseTest {

  private static final Duration TTL = Duration.ofMillis(900);

  private static RedisProcess server;

  @BeforeAll
  static void startRedis() throws Exception {
    server =
        RedisProcess.start(Files.createDirectories(Path.of("target")).resolve("lease-redis.log"));
  }

  @AfterAll
  static void stopRedis() throws Exception {
    server.close();
  }

  @Test
  void oneNodeAtATimeHoldsARoom() throws Exception {
    try (Redis one = Redis.connect(server.uri());
        Redis two = Redis.connect(server.uri())) {
      CheckpointLease first = new CheckpointLease(one, "t1", "node-1", TTL);
      CheckpointLease second = new CheckpointLease(two, "t1", "node-2", TTL);
      assertThat(first.want("room").get()).isTrue();
      assertThat(second.want("room").get()).isFalse();
      assertThat(first.holds("room")).isTrue();
      assertThat(second.holds("room")).isFalse();
      assertThat(first.holder("room")).isEqualTo("node-1");
      assertThat(first.takeFresh("room")).as("first write merges the stored snapshot").isTrue();
      assertThat(first.takeFresh("room")).isFalse();
    }
  }

  @Test
  void renewalsKeepTheLeaseAndReleaseHandsItOver() throws Exception {
    try (Redis one = Redis.connect(server.uri());
        Redis two = Redis.connect(server.uri())) {
      CheckpointLease first = new CheckpointLease(one, "t2", "node-1", TTL);
      CheckpointLease second = new CheckpointLease(two, "t2", "node-2", TTL);
      first.want("room").get();
      second.want("room").get();
      long end = System.nanoTime() + TTL.multipliedBy(3).toNanos();
      while (System.nanoTime() < end) {
        first.renewAll();
        second.renewAll();
        Thread.sleep(100);
      }
      assertThat(first.holds("room")).isTrue();
      assertThat(second.holds("room")).isFalse();
      first.release("room");
      awaitHolds(second, "room", Duration.ofSeconds(2));
      assertThat(second.holder("room")).isEqualTo("node-2");
    }
  }

  @Test
  void aDeadHoldersLeaseIsTakenOverAfterItsTtl() throws Exception {
    try (Redis two = Redis.connect(server.uri())) {
      Redis one = Redis.connect(server.uri());
      CheckpointLease first = new CheckpointLease(one, "t3", "node-1", TTL);
      CheckpointLease second = new CheckpointLease(two, "t3", "node-2", TTL);
      first.want("room").get();
      second.want("room").get();
      one.close(); // the holder dies: no renewal, no release
      long start = System.nanoTime();
      awaitHolds(second, "room", TTL.multipliedBy(3));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TTL.multipliedBy(3));
      assertThat(first.holds("room")).as("the dead holder stops trusting it too").isFalse();
    }
  }

  private static void awaitHolds(CheckpointLease lease, String room, Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!lease.holds(room)) {
      assertThat(System.nanoTime()).as("waiting for the lease").isLessThan(deadline);
      lease.renewAll();
      Thread.sleep(50);
    }
  }
}
