package dev.symphony.roomperpod.room;

import java.time.Duration;
import java.util.Objects;

/**
 * What makes a single-node process a room process: the one room it serves, how long it waits with
 * no connection before it exits, and the process whose death ends it too.
 *
 * @param roomId the only room this process serves
 * @param idleExit how long the process runs with no connection before it stores and exits
 * @param parentPid the process (the local proxy) whose exit ends this one; 0 when none is watched
 *     (Kubernetes: the pod's lifetime is the orchestrator's business)
 */
public record RoomProcessSettings(String roomId, Duration idleExit, long parentPid) {

  public static final Duration DEFAULT_IDLE_EXIT = Duration.ofSeconds(30);

  public RoomProcessSettings {
    Objects.requireNonNull(roomId, "roomId");
    if (roomId.isEmpty()) {
      throw new IllegalArgumentException("a room process needs a room id (--room)");
    }
    if (idleExit == null || idleExit.isNegative()) {
      throw new IllegalArgumentException("the idle exit must be zero or more, not " + idleExit);
    }
    if (parentPid < 0) {
      throw new IllegalArgumentException("parent pid must be positive, not " + parentPid);
    }
  }
}
