package dev.symphony.server.room;

import dev.symphony.server.metrics.RejectReason;
import dev.symphony.server.metrics.RuntimeMetrics;
import java.util.Comparator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limit on rooms held in memory. A connection that would load one room too many is refused with
 * 1013 (try again later); if some loaded room is idle (in its grace period) the least recently
 * active one is unloaded at once, so the client's automatic reconnect finds a place.
 */
final class RoomCapacity {

  private static final Logger log = LoggerFactory.getLogger(RoomCapacity.class);

  private RoomCapacity() {}

  /** Whether a new room may be loaded for {@code joiner}; refuses it (and frees a place) if not. */
  static boolean admitsNewRoom(
      Map<String, Room> rooms,
      int maxRooms,
      RoomExecutors executors,
      String roomId,
      Connection joiner,
      RuntimeMetrics metrics) {
    if (rooms.size() < maxRooms) {
      return true;
    }
    Room idle =
        rooms.values().stream()
            .filter(room -> room.stats().connections() == 0 && room.state() == Room.State.OPEN)
            .min(Comparator.comparingLong(room -> room.stats().lastActiveMillis()))
            .orElse(null);
    String reason;
    if (idle != null) {
      executors.forRoom(idle.id()).execute(idle::unloadIfIdle);
      reason = "server holds its limit of " + maxRooms + " rooms; freeing an idle one, reconnect";
    } else {
      reason = "server holds its limit of " + maxRooms + " rooms and all are in use";
    }
    log.warn(
        "refused room={} remote={} code={} reason={}{}",
        roomId,
        joiner.remoteAddress(),
        CloseCodes.TRY_AGAIN_LATER,
        reason,
        idle == null ? "" : " (unloading room=" + idle.id() + ")");
    metrics.rejected(RejectReason.MAX_ROOMS);
    joiner.close(CloseCodes.TRY_AGAIN_LATER, reason);
    return false;
  }
}
