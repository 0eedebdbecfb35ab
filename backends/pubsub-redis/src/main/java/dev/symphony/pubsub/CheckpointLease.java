package dev.symphony.pubsub;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node writes a room's snapshots and trims its update stream: the one holding the room's
 * lease, a Redis key set with {@code SET NX PX} to the holder's node id. The holder renews it; when
 * the holder dies the key expires and another node holding the room takes it at its next renewal
 * round. This node only trusts its lease until the local deadline (TTL minus a safety margin), so a
 * node cut off from Redis stops writing before anyone else can take over.
 */
final class CheckpointLease {

  private static final Logger log = LoggerFactory.getLogger(CheckpointLease.class);

  private static final String RENEW =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then"
          + " return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
  private static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1])"
          + " else return 0 end";

  private final Redis redis;
  private final String namespace;
  private final String nodeId;
  private final Duration ttl;

  /** Rooms this node wants the lease of (it holds them loaded). */
  private final Set<String> wanted = ConcurrentHashMap.newKeySet();

  /** Rooms whose lease this node holds, with the local deadline (System.nanoTime). */
  private final Map<String, Long> held = new ConcurrentHashMap<>();

  /** Rooms whose lease was newly taken: their first snapshot merges the stored one. */
  private final Set<String> fresh = ConcurrentHashMap.newKeySet();

  CheckpointLease(Redis redis, String namespace, String nodeId, Duration ttl) {
    this.redis = redis;
    this.namespace = namespace;
    this.nodeId = nodeId;
    this.ttl = ttl;
  }

  /** Whether this node may write the room's snapshot now. */
  boolean holds(String roomId) {
    Long deadline = held.get(roomId);
    return deadline != null && deadline - System.nanoTime() > 0;
  }

  /**
   * Whether this node may write the room's snapshot, taking the lease first when nobody holds it (a
   * checkpoint right after loading must not wait for the next renewal round). Blocking: for the
   * storage threads.
   */
  boolean holdsOrTakes(String roomId) {
    if (holds(roomId)) {
      return true;
    }
    if (!wanted.contains(roomId)) {
      return false;
    }
    try {
      return tryAcquire(roomId).get(Redis.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  /** True once after the lease was taken: the holder's first snapshot must merge the stored one. */
  boolean takeFresh(String roomId) {
    return fresh.remove(roomId);
  }

  /** The room is loaded here: try to take its lease now and at every renewal round. */
  CompletableFuture<Boolean> want(String roomId) {
    wanted.add(roomId);
    return tryAcquire(roomId);
  }

  /**
   * Renews the leases held and tries those wanted but held elsewhere (their holder may be dead).
   */
  void renewAll() {
    for (String roomId : wanted) {
      if (held.containsKey(roomId)) {
        renew(roomId);
      } else {
        tryAcquire(roomId);
      }
    }
  }

  /** The room left this node: give its lease back so another holder takes over at once. */
  void release(String roomId) {
    wanted.remove(roomId);
    fresh.remove(roomId);
    if (held.remove(roomId) != null) {
      redis
          .commands()
          .<Long>eval(
              RELEASE, ScriptOutputType.INTEGER, new byte[][] {key(roomId)}, Redis.bytes(nodeId))
          .exceptionally(
              failure -> {
                log.debug(
                    "lease release of room={} failed (it expires): {}", roomId, failure.toString());
                return 0L;
              });
    }
  }

  /** Every room whose lease this node holds (a moment's view). */
  Set<String> heldRooms() {
    return Set.copyOf(held.keySet());
  }

  /** The node id holding the room's lease, or null (blocking; for tests and the admin view). */
  String holder(String roomId) throws Exception {
    return Redis.text(
        redis
            .commands()
            .get(key(roomId))
            .get(Redis.COMMAND_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  private CompletableFuture<Boolean> tryAcquire(String roomId) {
    long start = System.nanoTime();
    return redis
        .commands()
        .set(key(roomId), Redis.bytes(nodeId), SetArgs.Builder.nx().px(ttl.toMillis()))
        .toCompletableFuture()
        .handle(
            (reply, failure) -> {
              if (failure != null || !"OK".equals(reply)) {
                return false;
              }
              if (wanted.contains(roomId)) {
                held.put(roomId, deadline(start));
                fresh.add(roomId);
                log.info("room={} checkpoint lease taken by node={}", roomId, nodeId);
                return true;
              }
              release(roomId); // the room left meanwhile
              return false;
            });
  }

  private void renew(String roomId) {
    long start = System.nanoTime();
    redis
        .commands()
        .<Long>eval(
            RENEW,
            ScriptOutputType.INTEGER,
            new byte[][] {key(roomId)},
            Redis.bytes(nodeId),
            Redis.bytes(Long.toString(ttl.toMillis())))
        .whenComplete(
            (renewed, failure) -> {
              if (failure != null) {
                return; // Redis away: the lease runs out locally at its deadline
              }
              if (renewed != null && renewed == 1L) {
                held.computeIfPresent(roomId, (id, old) -> deadline(start));
              } else if (held.remove(roomId) != null) {
                log.warn("room={} checkpoint lease lost by node={}", roomId, nodeId);
              }
            });
  }

  /** Trusted until a third of the TTL before Redis would let it go, counted from the request. */
  private long deadline(long requestedAt) {
    return requestedAt + ttl.toNanos() - ttl.toNanos() / 3;
  }

  private byte[] key(String roomId) {
    return Redis.bytes(new RedisKeys(namespace, roomId).checkpointLease());
  }
}
