package dev.symphony.pubsub;

import dev.symphony.server.store.UpdateLog;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XTrimArgs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's update log: one Redis Stream per room, shared by every node. Appending an update
 * adds it to the stream and publishes it on the room's channel in one script (one round trip, and
 * nothing is published that is not logged); the stream id travels with it, so every node knows
 * which entries its document holds.
 *
 * <p>While Redis is away, a room's updates wait here in order and are appended when it returns, so
 * nothing a client sent is lost while this node lives. Only the checkpoint lease holder trims, and
 * only the entries its snapshot is known to hold: those it loaded, appended, or applied from the
 * backplane before the snapshot was taken.
 */
final class RedisUpdateLog implements UpdateLog {

  private static final Logger log = LoggerFactory.getLogger(RedisUpdateLog.class);

  private static final String APPEND =
      "local id = redis.call('XADD', KEYS[1], '*', 'u', ARGV[1])\n"
          + "redis.call('PUBLISH', KEYS[2], ARGV[2] .. id .. '\\n' .. ARGV[1])\n"
          + "return id";

  private static final byte[] FIELD = Redis.bytes("u");

  private final Redis redis;
  private final String namespace;
  private final String nodeId;
  private final CheckpointLease lease;
  private final Map<String, RoomLog> rooms = new ConcurrentHashMap<>();
  private final AtomicLong marks = new AtomicLong();
  private final AtomicLong waiting = new AtomicLong();
  private Runnable onPublished = () -> {};

  /** One room's state on this node; guarded by itself. */
  private static final class RoomLog {
    /** Stream ids this node's document holds. */
    final NavigableSet<Long> seen = new TreeSet<>();

    /** Updates not yet in the stream (Redis away), by their order of arrival. */
    final java.util.TreeMap<Long, Pending> waiting = new java.util.TreeMap<>();

    /** Numbers the room's appends, so failed ones wait in their original order. */
    long nextSequence;

    /** What the document held at each mark not yet checkpointed. */
    final Map<Long, Set<Long>> marks = new ConcurrentHashMap<>();
  }

  private record Pending(long sequence, byte[] update, CompletableFuture<Void> durable) {}

  /** An entry of a room's stream. */
  record Entry(long id, byte[] update) {}

  RedisUpdateLog(Redis redis, String namespace, String nodeId, CheckpointLease lease) {
    this.redis = redis;
    this.namespace = namespace;
    this.nodeId = nodeId;
    this.lease = lease;
  }

  /** Hears of every update this node published (for the traffic counter). */
  void onPublished(Runnable listener) {
    this.onPublished = listener;
  }

  @Override
  public CompletableFuture<Void> append(String roomId, byte[] update) {
    RoomLog room = rooms.computeIfAbsent(roomId, id -> new RoomLog());
    Pending pending;
    synchronized (room) {
      pending = new Pending(room.nextSequence++, update, new CompletableFuture<>());
      // Behind updates that wait for Redis, or while it is away: keep the order, send later.
      if (!room.waiting.isEmpty() || !redis.up()) {
        room.waiting.put(pending.sequence(), pending);
        waiting.incrementAndGet();
        return pending.durable();
      }
    }
    send(roomId, room, pending);
    return pending.durable();
  }

  private void send(String roomId, RoomLog room, Pending pending) {
    RedisKeys keys = new RedisKeys(namespace, roomId);
    byte[] header = BackplaneMessage.updateHeader(nodeId, BackplaneMessage.nowMicros());
    redis
        .commands()
        .<byte[]>eval(
            APPEND,
            ScriptOutputType.VALUE,
            new byte[][] {Redis.bytes(keys.updateStream()), Redis.bytes(keys.channel())},
            pending.update(),
            header)
        .whenComplete(
            (id, failure) -> {
              if (failure == null) {
                synchronized (room) {
                  room.seen.add(StreamId.parse(Redis.text(id)));
                }
                onPublished.run();
                pending.durable().complete(null);
                return;
              }
              synchronized (room) {
                room.waiting.put(pending.sequence(), pending);
                waiting.incrementAndGet();
              }
              log.debug("room={} update kept until Redis is back: {}", roomId, failure.toString());
            });
  }

  /** Appends every update that waited for Redis, in order (Redis is back). */
  void flushWaiting() {
    rooms.forEach(
        (roomId, room) -> {
          List<Pending> batch;
          synchronized (room) {
            batch = new ArrayList<>(room.waiting.values());
            room.waiting.clear();
            waiting.addAndGet(-batch.size());
          }
          if (!batch.isEmpty()) {
            log.info(
                "room={}: appending {} update(s) kept while Redis was away", roomId, batch.size());
          }
          // One connection keeps the order; a failure puts the update back for the next round.
          batch.forEach(pending -> send(roomId, room, pending));
        });
  }

  /** Updates waiting for Redis, on all rooms. */
  long waitingUpdates() {
    return waiting.get();
  }

  /** Whether the room has updates that are not in the stream yet. */
  boolean hasWaiting(String roomId) {
    RoomLog room = rooms.get(roomId);
    if (room == null) {
      return false;
    }
    synchronized (room) {
      return !room.waiting.isEmpty();
    }
  }

  /**
   * Records that the document now holds the entry; false when it already did (a duplicate from the
   * backplane or a catch-up read). On the room's executor, before applying.
   */
  boolean markSeen(String roomId, long id) {
    RoomLog room = rooms.computeIfAbsent(roomId, key -> new RoomLog());
    synchronized (room) {
      return room.seen.add(id);
    }
  }

  /** The room's stream entries this node's document does not hold (to catch up). */
  CompletableFuture<List<Entry>> unseen(String roomId) {
    return range(roomId)
        .thenApply(
            entries -> {
              RoomLog room = rooms.get(roomId);
              if (room == null) {
                return List.<Entry>of();
              }
              synchronized (room) {
                return entries.stream().filter(entry -> !room.seen.contains(entry.id())).toList();
              }
            });
  }

  private CompletableFuture<List<Entry>> range(String roomId) {
    return redis
        .commands()
        .xrange(stream(roomId), Range.unbounded())
        .toCompletableFuture()
        .thenApply(
            messages -> {
              List<Entry> entries = new ArrayList<>(messages.size());
              for (StreamMessage<byte[], byte[]> message : messages) {
                byte[] update = message.getBody().get(FIELD);
                if (update == null) {
                  update = bodyField(message);
                }
                entries.add(new Entry(StreamId.parse(message.getId()), update));
              }
              return entries;
            });
  }

  /** The body's map is keyed by arrays (identity), so look the field up by content. */
  private static byte[] bodyField(StreamMessage<byte[], byte[]> message) {
    for (var field : message.getBody().entrySet()) {
      if (java.util.Arrays.equals(field.getKey(), FIELD)) {
        return field.getValue();
      }
    }
    throw new IllegalStateException("stream entry " + message.getId() + " has no update");
  }

  @Override
  public long mark(String roomId) {
    RoomLog room = rooms.computeIfAbsent(roomId, key -> new RoomLog());
    long mark = marks.incrementAndGet();
    synchronized (room) {
      room.marks.put(mark, new HashSet<>(room.seen));
    }
    return mark;
  }

  /**
   * The room's stream (what every node appended since the last trim), plus the updates of this node
   * still waiting for Redis. Loading a room starts its record of what the document holds.
   */
  @Override
  public List<byte[]> pending(String roomId) throws IOException {
    List<Entry> entries;
    try {
      entries = range(roomId).get(Redis.COMMAND_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted reading the update stream of room " + roomId, e);
    } catch (Exception e) {
      throw new IOException(
          "cannot read the update stream of room " + roomId + " from Redis: " + e.getMessage(), e);
    }
    RoomLog room = rooms.computeIfAbsent(roomId, key -> new RoomLog());
    List<byte[]> updates = new ArrayList<>(entries.size());
    synchronized (room) {
      for (Entry entry : entries) {
        room.seen.add(entry.id());
        updates.add(entry.update());
      }
      room.waiting.values().forEach(pending -> updates.add(pending.update()));
    }
    return updates;
  }

  /**
   * The holder's snapshot is stored: trims the stream up to the first entry the snapshot may lack.
   * Other nodes do nothing (they did not write a snapshot).
   */
  @Override
  public void checkpointed(String roomId, long mark) {
    RoomLog room = rooms.get(roomId);
    Set<Long> held = room == null ? null : room.marks.remove(mark);
    if (room != null) {
      room.marks.keySet().removeIf(older -> older < mark);
    }
    if (room == null || held == null) {
      return;
    }
    if (!lease.holds(roomId)) {
      forgetTrimmed(roomId, room);
      return;
    }
    try {
      List<Entry> entries =
          range(roomId).get(Redis.COMMAND_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
      long keepFrom = -1;
      long last = -1;
      for (Entry entry : entries) {
        if (!held.contains(entry.id())) {
          keepFrom = entry.id();
          break;
        }
        last = entry.id();
      }
      if (last < 0) {
        return;
      }
      String minId = StreamId.format(keepFrom >= 0 ? keepFrom : last + 1);
      Long trimmed =
          redis
              .commands()
              .xtrim(stream(roomId), XTrimArgs.Builder.minId(minId))
              .get(Redis.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      long floor = StreamId.parse(minId);
      synchronized (room) {
        room.seen.headSet(floor, false).clear();
      }
      log.debug("room={} stream trimmed by {} entries", roomId, trimmed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // The next checkpoint trims them; the stream only grows meanwhile.
      if (redis.up()) {
        log.warn("room={}: trimming the update stream failed: {}", roomId, e.toString());
      }
    }
  }

  /**
   * A node that does not trim still forgets the ids the holder trimmed (they never come again), so
   * its record stays as short as the stream. Forgetting too much is harmless: an entry read again
   * is applied again, and Yjs ignores what it already has.
   */
  private void forgetTrimmed(String roomId, RoomLog room) {
    try {
      List<StreamMessage<byte[], byte[]>> first =
          redis
              .commands()
              .xrange(stream(roomId), Range.unbounded(), io.lettuce.core.Limit.from(1))
              .get(Redis.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      synchronized (room) {
        if (first.isEmpty()) {
          room.seen.clear();
        } else {
          room.seen.headSet(StreamId.parse(first.getFirst().getId()), false).clear();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Redis away: forget at the next checkpoint.
    }
  }

  /**
   * Rooms whose stream holds updates and whose lease nobody holds: their nodes died before the
   * checkpoint. This node loads them, checkpoints and trims them.
   */
  @Override
  public Set<String> roomsWithPending() {
    Set<String> orphans = new HashSet<>();
    try {
      ScanIterator<byte[]> keys =
          ScanIterator.scan(
              redis.connectionSync(),
              ScanArgs.Builder.matches(RedisKeys.streamPattern(namespace)).limit(500));
      while (keys.hasNext()) {
        String roomId = RedisKeys.roomOf(Redis.text(keys.next()));
        byte[] leaseKey = Redis.bytes(new RedisKeys(namespace, roomId).checkpointLease());
        if (redis.connectionSync().exists(leaseKey) == 0
            && redis.connectionSync().xlen(stream(roomId)) > 0) {
          orphans.add(roomId);
        }
      }
    } catch (RuntimeException e) {
      log.warn("could not look for rooms left with updates in Redis: {}", e.toString());
    }
    return orphans;
  }

  /** The room left this node: forget what its document held (unless updates still wait). */
  void forget(String roomId) {
    rooms.computeIfPresent(
        roomId,
        (id, room) -> {
          synchronized (room) {
            return room.waiting.isEmpty() ? null : room;
          }
        });
  }

  @Override
  public boolean healthy() {
    // Redis being away does not stop this node: it keeps serving and logs later.
    return true;
  }

  @Override
  public void close() {
    long left = waiting.get();
    if (left > 0) {
      log.error(
          "{} update(s) never reached Redis; they are in this node's final snapshots only when"
              + " it held their rooms' leases",
          left);
    }
  }

  private byte[] stream(String roomId) {
    return Redis.bytes(new RedisKeys(namespace, roomId).updateStream());
  }
}
