package dev.symphony.server.room;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The single thread of control of a room: every change to a room's document, connections and
 * awareness runs here, one task at a time, so rooms need no locks. Many rooms share one executor.
 */
public interface RoomExecutor extends Executor {

  /** Runs {@code task} on this executor after {@code delay}, unless cancelled first. */
  Cancellable schedule(Runnable task, Duration delay);

  /** A scheduled task that may still be called off. */
  interface Cancellable {
    void cancel();
  }
}
