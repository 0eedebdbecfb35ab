package dev.symphony.server.room;

import dev.symphony.server.metrics.RuntimeMetrics;
import dev.symphony.server.store.Backoff;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a room's document to storage: at most one checkpoint interval after it first changed, and
 * on demand (before unloading, at shutdown). The snapshot is encoded on the room's executor, where
 * the document lives, and written by {@link RoomStorage}; {@code stored} hears of each successful
 * write (its size), on the executor. Confined to the room's executor.
 */
final class Checkpointer {

  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

  private final String roomId;
  private final RoomExecutor executor;
  private final RoomStorage storage;
  private final Duration interval;
  private final Supplier<byte[]> snapshot;
  private final RuntimeMetrics metrics;
  private final LongConsumer stored;

  private boolean dirty;
  private RoomExecutor.Cancellable timer;

  /** Failed writes retry sooner than the interval (1 s, 2 s, ... up to it): storage may be back. */
  private final Backoff retries = Backoff.defaults();

  private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

  Checkpointer(
      String roomId,
      RoomExecutor executor,
      RoomStorage storage,
      Duration interval,
      Supplier<byte[]> snapshot,
      RuntimeMetrics metrics,
      LongConsumer stored) {
    this.roomId = roomId;
    this.executor = executor;
    this.storage = storage;
    this.interval = interval;
    this.snapshot = snapshot;
    this.metrics = metrics;
    this.stored = stored;
  }

  /** The document changed: make sure a checkpoint follows within one interval. */
  void markChanged() {
    dirty = true;
    scheduleIfIdle();
  }

  /** Whether the document has changes no finished or running checkpoint covers. */
  boolean isDirty() {
    return dirty;
  }

  /**
   * Writes the document now if it changed; completes (on the room's executor) once everything up to
   * now is stored, exceptionally when that write failed.
   */
  CompletableFuture<Void> checkpoint() {
    if (!dirty) {
      return lastWrite;
    }
    cancelTimer();
    dirty = false;
    // Together, on the room's executor: the snapshot holds exactly the logged updates up to mark.
    long logMark = storage.updateLog().mark(roomId);
    long start = System.nanoTime();
    byte[] bytes = snapshot.get();
    CompletableFuture<Void> done = new CompletableFuture<>();
    storage
        .save(roomId, bytes, logMark)
        .whenComplete(
            (ignored, failure) -> {
              // Measured where the write ends (the storage thread), not after the hop back.
              metrics.checkpointed(System.nanoTime() - start, failure == null);
              executor.execute(
                  () -> {
                    if (failure == null) {
                      retries.reset();
                      stored.accept(bytes.length);
                      done.complete(null);
                      return;
                    }
                    Duration delay = retries.next();
                    if (delay.compareTo(interval) > 0) {
                      delay = interval;
                    }
                    // One line per attempt: the room keeps serving from memory meanwhile.
                    log.warn(
                        "checkpoint failed for room={} ({} bytes); retrying in {}: {}",
                        roomId,
                        bytes.length,
                        delay,
                        failure.toString());
                    dirty = true;
                    retryIn(delay);
                    done.completeExceptionally(failure);
                  });
            });
    lastWrite = done;
    return done;
  }

  /** Stops the periodic timer (the room is closing). */
  void stop() {
    cancelTimer();
  }

  private void scheduleIfIdle() {
    if (timer == null) {
      timer =
          executor.schedule(
              () -> {
                timer = null;
                checkpoint();
              },
              interval);
    }
  }

  private void retryIn(Duration delay) {
    cancelTimer();
    timer =
        executor.schedule(
            () -> {
              timer = null;
              checkpoint();
            },
            delay);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
