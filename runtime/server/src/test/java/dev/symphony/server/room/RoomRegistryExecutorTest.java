package dev.symphony.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Work handed to a room runs on the room's executor, however fast that executor is. */
class RoomRegistryExecutorTest {

  private final EagerExecutor executor = new EagerExecutor();

  @AfterEach
  void stop() {
    executor.loop.shutdownNow();
  }

  @Test
  void anActionOnAnOpenRoomRunsOnTheRoomsThreadEvenWhenTheCallerIsSlow() throws Exception {
    RoomStorage storage =
        new RoomStorage(
            new MemoryDocumentStore(), new MemoryRoomCatalog(), Clock.systemUTC(), executor);
    RoomRegistry registry = new RoomRegistry(roomId -> executor, storage, RoomSettings.defaults());
    registry
        .withRoom("r", room -> CompletableFuture.completedFuture(null))
        .get(5, TimeUnit.SECONDS);

    // The room is open now, so the executor completes the caller's future before execute()
    // returns: what a busy machine does when it preempts the caller right after handing over.
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    registry
        .withRoom(
            "r",
            room -> {
              ranOn.set(Thread.currentThread());
              return CompletableFuture.completedFuture(null);
            })
        .get(5, TimeUnit.SECONDS);

    assertThat(ranOn.get()).isSameAs(executor.thread.get());
  }

  /**
   * One thread; a task handed over from another thread has run by the time {@code execute} returns
   * (tasks the loop hands to itself just queue).
   */
  private static final class EagerExecutor implements RoomExecutor {
    final AtomicReference<Thread> thread = new AtomicReference<>();
    final ScheduledThreadPoolExecutor loop =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "room-loop");
              thread.set(t);
              return t;
            });

    @Override
    public void execute(Runnable task) {
      if (Thread.currentThread() == thread.get()) {
        loop.execute(task);
        return;
      }
      try {
        loop.submit(task).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
      ScheduledFuture<?> timer = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> timer.cancel(false);
    }
  }
}
