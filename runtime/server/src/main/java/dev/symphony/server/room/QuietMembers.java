package dev.symphony.server.room;

import java.time.Clock;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * When each member of a room last got a message from it. A y-websocket client closes a connection
 * that stays silent for 30 seconds, so a client must hear something now and then even when it is
 * alone or the only one talking; the room echoes a client's own presence back only to a member that
 * has heard nothing for {@link #ECHO_AFTER}, instead of echoing every presence update (a quarter of
 * the presence frames in a room of four).
 */
final class QuietMembers {

  /** Well inside the client's 30-second limit, and shorter than its 15-second presence renewal. */
  static final Duration ECHO_AFTER = Duration.ofSeconds(10);

  private final Clock clock;
  private final Map<Connection, long[]> lastSentMillis = new IdentityHashMap<>();

  QuietMembers(Clock clock) {
    this.clock = clock;
  }

  long now() {
    return clock.millis();
  }

  void sent(Connection member, long nowMillis) {
    long[] last = lastSentMillis.get(member);
    if (last != null) {
      last[0] = nowMillis;
    }
  }

  /** Starts tracking {@code member}, which has just been sent its greeting. */
  void joined(Connection member) {
    lastSentMillis.put(member, new long[] {now()});
  }

  void left(Connection member) {
    lastSentMillis.remove(member);
  }

  /** Whether {@code member} has heard nothing from the room for {@link #ECHO_AFTER} or longer. */
  boolean isQuiet(Connection member, long nowMillis) {
    long[] last = lastSentMillis.get(member);
    return last != null && nowMillis - last[0] >= ECHO_AFTER.toMillis();
  }
}
