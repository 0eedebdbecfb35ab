package dev.symphony.pubsub;

import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomListener;
import dev.symphony.server.room.RoomRegistry;
import dev.symphony.server.room.UpdateOrigin;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicates the rooms loaded on this node with the other nodes holding them. While a room is
 * loaded here the node subscribes to its channel; document updates reach the channel through the
 * {@link RedisUpdateLog} (logged, then published), awareness changes of local clients are published
 * here. What other nodes publish is applied to the room as {@link UpdateOrigin.Replica}, so it is
 * forwarded to this node's clients but neither logged nor published again.
 *
 * <p>Gaps are closed from two sides: after subscribing (and after Redis comes back) the node reads
 * the stream entries its document lacks, and it publishes its state vector so every other holder
 * answers with what it lacks, which also covers updates no stream holds yet.
 */
final class Backplane extends RedisPubSubAdapter<byte[], byte[]> implements RoomListener {

  private static final Logger log = LoggerFactory.getLogger(Backplane.class);

  private final Redis redis;
  private final String namespace;
  private final String nodeId;
  private final RedisUpdateLog updateLog;
  private final CheckpointLease lease;
  private final NodeDirectory directory;
  private final Set<String> rooms = ConcurrentHashMap.newKeySet();
  private final Set<String> peers = ConcurrentHashMap.newKeySet();
  private RoomRegistry registry;
  private Timer lag;
  private Counter published;
  private Counter received;

  Backplane(
      Redis redis,
      String namespace,
      String nodeId,
      RedisUpdateLog updateLog,
      CheckpointLease lease,
      NodeDirectory directory) {
    this.redis = redis;
    this.namespace = namespace;
    this.nodeId = nodeId;
    this.updateLog = updateLog;
    this.lease = lease;
    this.directory = directory;
  }

  /** Connects to the server's rooms and meters; before the first room loads. */
  void bind(RoomRegistry registry, Timer lag, Counter published, Counter received) {
    this.registry = registry;
    this.lag = lag;
    this.published = published;
    this.received = received;
    updateLog.onPublished(published::increment);
    redis.pubsub().addListener(this);
  }

  /** Rooms loaded on this node (a moment's view). */
  Set<String> rooms() {
    return Set.copyOf(rooms);
  }

  @Override
  public void opened(Room room) {
    String roomId = room.id();
    rooms.add(roomId);
    lease.want(roomId);
    directory.joined(roomId);
    resync(roomId);
  }

  @Override
  public void closed(Room room) {
    String roomId = room.id();
    rooms.remove(roomId);
    lease.release(roomId);
    try {
      directory.left(roomId);
      redis.pubsub().async().unsubscribe(channel(roomId));
    } catch (RuntimeException e) {
      log.debug("room={}: leaving the channel failed: {}", roomId, e.toString());
    }
    updateLog.forget(roomId);
  }

  @Override
  public void awarenessChanged(Room room, byte[] update, UpdateOrigin origin) {
    if (origin.local()) {
      publish(room.id(), BackplaneMessage.Kind.AWARENESS, "", update);
    }
  }

  /**
   * Subscribes to the room's channel (again: a subscription that failed while Redis was away is not
   * restored by the client), then catches the room up from its stream and asks the other holders
   * for what it lacks.
   */
  void resync(String roomId) {
    redis
        .pubsub()
        .async()
        .subscribe(channel(roomId))
        .toCompletableFuture()
        .thenCompose(subscribed -> updateLog.unseen(roomId))
        .thenCompose(
            entries ->
                onRoom(
                    roomId,
                    room -> {
                      applyEntries(room, entries);
                      publish(roomId, BackplaneMessage.Kind.SYNC, "", room.encodeStateVector());
                    }))
        .exceptionally(
            failure -> {
              log.debug(
                  "room={}: resync failed (again when Redis is back): {}",
                  roomId,
                  failure.toString());
              return null;
            });
  }

  /** Redis is back: every loaded room catches up and re-exchanges state. */
  void resyncAll() {
    rooms.forEach(this::resync);
  }

  private void applyEntries(Room room, List<RedisUpdateLog.Entry> entries) {
    for (RedisUpdateLog.Entry entry : entries) {
      if (updateLog.markSeen(room.id(), entry.id())) {
        room.applyExternalUpdate(entry.update(), new UpdateOrigin.Replica("stream"));
      }
    }
  }

  @Override
  public void message(byte[] channel, byte[] bytes) {
    BackplaneMessage message;
    try {
      message = BackplaneMessage.decode(bytes);
    } catch (RuntimeException e) {
      log.warn("dropping a malformed backplane message: {}", e.toString());
      return;
    }
    if (message.node().equals(nodeId)) {
      return; // our own publication, echoed by Redis
    }
    String roomId = RedisKeys.roomOf(Redis.text(channel));
    if (!rooms.contains(roomId)) {
      return;
    }
    received.increment();
    if (message.kind() == BackplaneMessage.Kind.UPDATE
        || message.kind() == BackplaneMessage.Kind.AWARENESS) {
      long micros = BackplaneMessage.nowMicros() - message.sentMicros();
      lag.record(Math.max(0, micros), TimeUnit.MICROSECONDS);
    }
    peers.add(message.node());
    onRoom(roomId, room -> handle(room, message))
        .exceptionally(
            failure -> {
              log.warn(
                  "room={}: backplane {} from node={} failed",
                  roomId,
                  message.kind(),
                  message.node(),
                  failure);
              return null;
            });
  }

  private void handle(Room room, BackplaneMessage message) throws Exception {
    UpdateOrigin.Replica origin = new UpdateOrigin.Replica(message.node());
    switch (message.kind()) {
      case UPDATE -> {
        if (updateLog.markSeen(room.id(), StreamId.parse(message.argument()))) {
          room.applyExternalUpdate(message.payload(), origin);
        }
      }
      case AWARENESS -> room.applyExternalAwareness(message.payload(), origin);
      case SYNC -> {
        byte[] diff = room.encodeDiff(message.payload());
        if (diff.length > 2) { // an empty update is two zero bytes
          publish(room.id(), BackplaneMessage.Kind.DIFF, message.node(), diff);
        }
      }
      case DIFF -> {
        if (message.argument().equals(nodeId)) {
          room.applyExternalUpdate(message.payload(), origin);
        }
      }
    }
  }

  /** Runs {@code action} on the room's executor if the room is still loaded here. */
  private CompletableFuture<Void> onRoom(String roomId, RoomAction action) {
    if (registry.room(roomId).isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return registry.withRoom(
        roomId,
        room -> {
          try {
            action.run(room);
            return CompletableFuture.completedFuture(null);
          } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
          }
        });
  }

  private interface RoomAction {
    void run(Room room) throws Exception;
  }

  private void publish(String roomId, BackplaneMessage.Kind kind, String argument, byte[] payload) {
    if (!redis.up()) {
      return; // presence is renewed by the clients; documents resync when Redis is back
    }
    byte[] message =
        new BackplaneMessage(kind, nodeId, BackplaneMessage.nowMicros(), argument, payload)
            .encode();
    redis
        .commands()
        .publish(channel(roomId), message)
        .whenComplete(
            (ignored, failure) -> {
              if (failure == null) {
                published.increment();
              }
            });
  }

  /**
   * Drops the presence of peers whose heartbeat expired (their nodes died): blocking, on the node's
   * timer thread.
   */
  void forgetDeadPeers() {
    for (String peer : Set.copyOf(peers)) {
      boolean alive;
      try {
        alive = directory.alive(peer);
      } catch (RuntimeException e) {
        return; // Redis away: nobody can tell
      }
      if (!alive) {
        peers.remove(peer);
        log.info("node={} is gone; dropping its clients' presence", peer);
        for (String roomId : rooms) {
          onRoom(roomId, room -> room.forgetPeer(new UpdateOrigin.Replica(peer)));
        }
      }
    }
  }

  private byte[] channel(String roomId) {
    return Redis.bytes(new RedisKeys(namespace, roomId).channel());
  }
}
