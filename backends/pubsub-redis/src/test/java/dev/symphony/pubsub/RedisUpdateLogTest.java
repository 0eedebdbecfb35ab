package dev.symphony.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Range;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis Stream update log against a real (test-owned) Redis. */
class RedisUpdateLogTest {

  private static final Duration TTL = Duration.ofSeconds(10);

  private static RedisProcess server;

  @BeforeAll
  static void startRedis() throws Exception {
    server =
        RedisProcess.start(Files.createDirectories(Path.of("target")).resolve("log-redis.log"));
  }

  @AfterAll
  static void stopRedis() throws Exception {
    server.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> texts(List<byte[]> updates) {
    return updates.stream().map(u -> new String(u, StandardCharsets.UTF_8)).toList();
  }

  private static long streamLength(Redis redis, String ns, String room) {
    return redis.connectionSync().xlen(Redis.bytes(new RedisKeys(ns, room).updateStream()));
  }

  @Test
  void appendsOfAllNodesAreLoggedInOrderAndPublishedWithTheirStreamId() throws Exception {
    try (Redis one = Redis.connect(server.uri());
        Redis two = Redis.connect(server.uri());
        Redis listener = Redis.connect(server.uri())) {
      var heard = new LinkedBlockingQueue<BackplaneMessage>();
      listener
          .pubsub()
          .addListener(
              new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] channel, byte[] message) {
                  heard.add(BackplaneMessage.decode(message));
                }
              });
      listener.pubsub().sync().subscribe(Redis.bytes(new RedisKeys("l1", "doc").channel()));
      RedisUpdateLog first = log(one, "l1", "node-1");
      RedisUpdateLog second = log(two, "l1", "node-2");
      first.append("doc", bytes("a")).get(5, TimeUnit.SECONDS);
      second.append("doc", bytes("b")).get(5, TimeUnit.SECONDS);
      first.append("doc", bytes("c")).get(5, TimeUnit.SECONDS);

      assertThat(texts(log(listener, "l1", "node-3").pending("doc")))
          .containsExactly("a", "b", "c");
      BackplaneMessage message = heard.poll(5, TimeUnit.SECONDS);
      assertThat(message.kind()).isEqualTo(BackplaneMessage.Kind.UPDATE);
      assertThat(message.node()).isEqualTo("node-1");
      assertThat(new String(message.payload(), StandardCharsets.UTF_8)).isEqualTo("a");
      String firstId =
          listener
              .connectionSync()
              .xrange(Redis.bytes(new RedisKeys("l1", "doc").updateStream()), Range.unbounded())
              .getFirst()
              .getId();
      assertThat(message.argument()).isEqualTo(firstId);
      assertThat(StreamId.format(StreamId.parse(firstId))).isEqualTo(firstId);
    }
  }

  @Test
  void onlyTheLeaseHolderTrimsAndOnlyWhatItsSnapshotHolds() throws Exception {
    try (Redis one = Redis.connect(server.uri());
        Redis two = Redis.connect(server.uri())) {
      CheckpointLease holderLease = new CheckpointLease(one, "l2", "node-1", TTL);
      CheckpointLease otherLease = new CheckpointLease(two, "l2", "node-2", TTL);
      assertThat(holderLease.want("doc").get()).isTrue();
      assertThat(otherLease.want("doc").get()).isFalse();
      RedisUpdateLog holder = new RedisUpdateLog(one, "l2", "node-1", holderLease);
      RedisUpdateLog other = new RedisUpdateLog(two, "l2", "node-2", otherLease);
      holder.pending("doc");
      other.pending("doc");

      holder.append("doc", bytes("h1")).get(5, TimeUnit.SECONDS);
      holder.append("doc", bytes("h2")).get(5, TimeUnit.SECONDS);
      other.append("doc", bytes("o1")).get(5, TimeUnit.SECONDS); // not yet seen by the holder
      holder.append("doc", bytes("h3")).get(5, TimeUnit.SECONDS);

      // The other node's checkpoint trims nothing: it wrote no snapshot.
      other.checkpointed("doc", other.mark("doc"));
      assertThat(streamLength(one, "l2", "doc")).isEqualTo(4);

      // The holder's snapshot lacks o1: the trim stops right before it.
      holder.checkpointed("doc", holder.mark("doc"));
      assertThat(texts(other.pending("doc"))).containsExactly("o1", "h3");

      // Once o1 reached the holder's document (over the backplane), everything goes.
      String o1 =
          one.connectionSync()
              .xrange(Redis.bytes(new RedisKeys("l2", "doc").updateStream()), Range.unbounded())
              .getFirst()
              .getId();
      assertThat(holder.markSeen("doc", StreamId.parse(o1))).isTrue();
      assertThat(holder.markSeen("doc", StreamId.parse(o1))).as("a duplicate").isFalse();
      holder.checkpointed("doc", holder.mark("doc"));
      assertThat(streamLength(one, "l2", "doc")).isZero();
    }
  }

  @Test
  void updatesWaitWhileRedisIsAwayAndAreLoggedWhenItReturns() throws Exception {
    RedisProcess own =
        RedisProcess.start(Files.createDirectories(Path.of("target")).resolve("log-own.log"));
    try (own;
        Redis redis = Redis.connect(own.uri())) {
      RedisUpdateLog log = log(redis, "l3", "node-1");
      log.append("doc", bytes("before")).get(5, TimeUnit.SECONDS);
      own.kill();
      redis.reached(false);
      CompletableFuture<Void> during = log.append("doc", bytes("during"));
      CompletableFuture<Void> after = log.append("doc", bytes("later"));
      Thread.sleep(300);
      assertThat(during).isNotDone();
      assertThat(log.hasWaiting("doc")).isTrue();
      assertThat(log.waitingUpdates()).isEqualTo(2);

      own.restart();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!redis.reached(redisAnswers(redis))) {
        assertThat(System.nanoTime()).as("waiting for the reconnect").isLessThan(deadline);
        Thread.sleep(100);
      }
      log.flushWaiting();
      CompletableFuture.allOf(during, after).get(5, TimeUnit.SECONDS);
      assertThat(log.hasWaiting("doc")).isFalse();
      // Redis came back empty: what waited is logged again, in order.
      assertThat(texts(log(redis, "l3", "node-2").pending("doc")))
          .containsExactly("during", "later");
    }
  }

  private static boolean redisAnswers(Redis redis) {
    try {
      return "PONG".equals(redis.commands().ping().get(1, TimeUnit.SECONDS));
    } catch (Exception e) {
      return false;
    }
  }

  private static RedisUpdateLog log(Redis redis, String ns, String node) {
    return new RedisUpdateLog(redis, ns, node, new CheckpointLease(redis, ns, node, TTL));
  }
}
