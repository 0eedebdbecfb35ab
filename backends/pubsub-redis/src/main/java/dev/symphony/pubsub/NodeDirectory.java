package dev.symphony.pubsub;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The room directory in Redis: each node's heartbeat key (its address and load, expiring with the
 * node) and, per room, the set of node ids holding it. A dead node's heartbeat expires on its own;
 * its ids in the rooms' sets are dropped by whoever reads them next.
 */
final class NodeDirectory {

  /** A live node as its heartbeat describes it. */
  record NodeInfo(String nodeId, String address, long connections, int rooms) {}

  private final Redis redis;
  private final String namespace;
  private final String nodeId;
  private final String address;
  private final Duration ttl;

  NodeDirectory(Redis redis, String namespace, String nodeId, String address, Duration ttl) {
    this.redis = redis;
    this.namespace = namespace;
    this.nodeId = nodeId;
    this.address = address;
    this.ttl = ttl;
  }

  /** Renews this node's heartbeat with its load; true when Redis answered. */
  boolean heartbeat(long connections, int rooms) {
    try {
      redis
          .commands()
          .set(
              Redis.bytes(RedisKeys.node(namespace, nodeId)),
              Redis.bytes(address + "|" + connections + "|" + rooms),
              SetArgs.Builder.px(ttl.toMillis()))
          .get(Redis.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return false;
    }
  }

  /** Lists this node under each of its rooms again (Redis came back, perhaps empty). */
  void rejoin(Set<String> rooms) {
    rooms.forEach(this::joined);
  }

  void joined(String roomId) {
    redis.commands().sadd(holdersKey(roomId), Redis.bytes(nodeId));
  }

  void left(String roomId) {
    redis.commands().srem(holdersKey(roomId), Redis.bytes(nodeId));
  }

  /** Whether the node's heartbeat is still there (blocking). */
  boolean alive(String otherNode) {
    return redis.connectionSync().exists(Redis.bytes(RedisKeys.node(namespace, otherNode))) > 0;
  }

  /** The live nodes holding the room; dead ones are removed from its set (blocking). */
  List<String> holders(String roomId) {
    List<String> live = new ArrayList<>();
    for (byte[] member : redis.connectionSync().smembers(holdersKey(roomId))) {
      String holder = Redis.text(member);
      if (alive(holder)) {
        live.add(holder);
      } else {
        redis.connectionSync().srem(holdersKey(roomId), member);
      }
    }
    live.sort(null);
    return live;
  }

  /** Every live node with its load (blocking). */
  Map<String, NodeInfo> nodes() {
    Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    ScanIterator<byte[]> keys =
        ScanIterator.scan(
            redis.connectionSync(),
            ScanArgs.Builder.matches(RedisKeys.nodePattern(namespace)).limit(500));
    String prefix = RedisKeys.node(namespace, "");
    while (keys.hasNext()) {
      String key = Redis.text(keys.next());
      String value = Redis.text(redis.connectionSync().get(Redis.bytes(key)));
      if (value == null) {
        continue;
      }
      String[] parts = value.split("\\|", -1);
      String id = key.substring(prefix.length());
      nodes.put(
          id,
          new NodeInfo(
              id,
              parts[0],
              parts.length > 1 ? Long.parseLong(parts[1]) : 0,
              parts.length > 2 ? Integer.parseInt(parts[2]) : 0));
    }
    return nodes;
  }

  /** This node stops: its heartbeat and directory entries go at once. */
  void leave(Set<String> rooms) {
    try {
      for (String roomId : rooms) {
        redis.connectionSync().srem(holdersKey(roomId), Redis.bytes(nodeId));
      }
      redis.connectionSync().del(Redis.bytes(RedisKeys.node(namespace, nodeId)));
    } catch (RuntimeException e) {
      // Redis away: the heartbeat expires on its own.
    }
  }

  private byte[] holdersKey(String roomId) {
    return Redis.bytes(new RedisKeys(namespace, roomId).holders());
  }
}
