package dev.symphony.server.version;

import dev.symphony.server.room.Connection;
import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomListener;
import dev.symphony.server.room.UpdateOrigin;
import dev.symphony.server.store.VersionRecord.Trigger;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes versions automatically, as the {@link VersionPolicy} says, and only of documents that
 * changed since their last version: when the last connection leaves a room ({@code idle}), and when
 * a change arrives at least {@code interval} after the first change not yet in a version ({@code
 * interval}). Runs on each room's executor (a {@link RoomListener}); storing happens on the
 * history's store thread.
 */
final class AutoVersions implements RoomListener {

  private static final Logger log = LoggerFactory.getLogger(AutoVersions.class);

  private final VersionHistory history;
  private final VersionPolicy policy;
  private final Clock clock;

  /** Per loaded room: when its first change not yet in a version happened (absent: none). */
  private final Map<String, Instant> changedSince = new ConcurrentHashMap<>();

  AutoVersions(VersionHistory history, VersionPolicy policy, Clock clock) {
    this.history = history;
    this.policy = policy;
    this.clock = clock;
  }

  /** The room's document was just put into a version. */
  void versioned(String roomId) {
    changedSince.remove(roomId);
  }

  @Override
  public void documentChanged(Room room, byte[] update, UpdateOrigin origin) {
    if (!origin.local()) {
      return; // another node's change: that node versions it (pubsub-redis)
    }
    Instant now = clock.instant();
    Instant since = changedSince.putIfAbsent(room.id(), now);
    if (since != null
        && !policy.interval().isZero()
        && !now.isBefore(since.plus(policy.interval()))) {
      take(room, Trigger.INTERVAL);
    }
  }

  @Override
  public void left(Room room, Connection connection) {
    if (policy.onIdle() && room.connectionCount() == 0 && changedSince.containsKey(room.id())) {
      take(room, Trigger.IDLE);
    }
  }

  @Override
  public void closed(Room room) {
    changedSince.remove(room.id());
  }

  private void take(Room room, Trigger trigger) {
    history
        .snapshot(room, trigger, null)
        .whenComplete(
            (version, failure) -> {
              if (failure != null) {
                log.warn(
                    "room={} automatic {} version failed: {}",
                    room.id(),
                    trigger.label(),
                    failure.getMessage());
              }
            });
  }
}
