package dev.symphony.server.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.PriorityQueue;

/**
 * A room executor driven by the test: tasks queue until {@link #runPending()}, timers fire when
 * {@link #advance} moves the fake clock past them. Single-threaded, so no test ever sleeps.
 */
final class ManualExecutor implements RoomExecutor {

  private record Timer(Instant due, long sequence, Runnable task, boolean[] cancelled)
      implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      int byDue = due.compareTo(other.due);
      return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
    }
  }

  private final Deque<Runnable> queue = new ArrayDeque<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private Instant now = Instant.parse("2025-01-01T00:00:00Z");
  private long sequence;

  @Override
  public void execute(Runnable task) {
    queue.add(task);
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    boolean[] cancelled = {false};
    timers.add(new Timer(now.plus(delay), sequence++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Runs queued tasks, including those they queue, until none is left. */
  void runPending() {
    Runnable task;
    while ((task = queue.poll()) != null) {
      task.run();
    }
  }

  /** Moves the clock forward, firing every timer that falls due on the way. */
  void advance(Duration duration) {
    Instant target = now.plus(duration);
    runPending();
    while (!timers.isEmpty() && !timers.peek().due().isAfter(target)) {
      Timer timer = timers.poll();
      now = timer.due();
      if (!timer.cancelled()[0]) {
        timer.task().run();
      }
      runPending();
    }
    now = target;
  }

  Instant now() {
    return now;
  }

  /** A clock that reads this executor's fake time. */
  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }
}
