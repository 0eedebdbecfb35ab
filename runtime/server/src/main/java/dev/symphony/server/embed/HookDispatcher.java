package dev.symphony.server.embed;

import dev.symphony.server.room.Connection;
import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomListener;
import dev.symphony.server.room.UpdateOrigin;
import dev.symphony.yjs.Yjs;
import dev.symphony.yjs.YjsDecodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands room events to the application's hooks on one thread of their own ({@code symphony-hooks}):
 * the room listener methods run on the rooms' event loops and only record and schedule, so a slow
 * hook never holds a room up. Changes are debounced per room.
 */
final class HookDispatcher implements RoomListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HookDispatcher.class);

  private final OnChange onChange;
  private final long debounceNanos;
  private final long maxWaitNanos;
  private final OnConnection onConnect;
  private final OnConnection onDisconnect;
  private final ScheduledExecutorService thread;

  /** Changes not yet handed to {@link #onChange}, by room; guarded by {@code this}. */
  private final Map<String, PendingChanges> pending = new HashMap<>();

  private static final class PendingChanges {
    final List<byte[]> updates = new ArrayList<>();
    final long firstNanos;
    ScheduledFuture<?> timer;

    PendingChanges(long firstNanos) {
      this.firstNanos = firstNanos;
    }
  }

  HookDispatcher(
      OnChange onChange,
      Duration debounce,
      Duration maxWait,
      OnConnection onConnect,
      OnConnection onDisconnect) {
    this.onChange = onChange;
    this.debounceNanos = debounce.toNanos();
    this.maxWaitNanos = Math.max(maxWait.toNanos(), debounceNanos);
    this.onConnect = onConnect;
    this.onDisconnect = onDisconnect;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("symphony-hooks").daemon().factory());
    executor.setRemoveOnCancelPolicy(true);
    this.thread = executor;
  }

  @Override
  public void documentChanged(Room room, byte[] update, UpdateOrigin origin) {
    if (onChange == null) {
      return;
    }
    String roomId = room.id();
    long now = System.nanoTime();
    synchronized (this) {
      PendingChanges changes = pending.computeIfAbsent(roomId, id -> new PendingChanges(now));
      changes.updates.add(update);
      if (changes.timer != null) {
        changes.timer.cancel(false);
      }
      long latest = changes.firstNanos + maxWaitNanos - now;
      long delay = Math.max(0, Math.min(debounceNanos, latest));
      changes.timer = thread.schedule(() -> deliver(roomId), delay, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void joined(Room room, Connection connection) {
    if (onConnect != null) {
      ConnectionEvent event = eventOf(room, connection);
      thread.execute(() -> run("onConnect", room.id(), () -> onConnect.handle(event)));
    }
  }

  @Override
  public void left(Room room, Connection connection) {
    if (onDisconnect != null) {
      ConnectionEvent event = eventOf(room, connection);
      thread.execute(() -> run("onDisconnect", room.id(), () -> onDisconnect.handle(event)));
    }
  }

  private static ConnectionEvent eventOf(Room room, Connection connection) {
    return new ConnectionEvent(
        room.id(), connection.remoteAddress(), connection.mayWrite(), room.connectionCount());
  }

  /** On the hook thread: hands the room's merged changes to the hook. */
  private void deliver(String roomId) {
    PendingChanges changes;
    synchronized (this) {
      changes = pending.remove(roomId);
    }
    if (changes == null || changes.updates.isEmpty()) {
      return;
    }
    byte[] merged;
    try {
      merged =
          changes.updates.size() == 1 ? changes.updates.get(0) : Yjs.mergeUpdates(changes.updates);
    } catch (YjsDecodingException e) {
      log.error("room={} changes could not be merged for onChange", roomId, e);
      return;
    }
    DocumentChange change = new DocumentChange(roomId, merged, changes.updates.size());
    run("onChange", roomId, () -> onChange.changed(change));
  }

  private static void run(String hook, String roomId, HookCall call) {
    try {
      call.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error("{} hook failed for room={}", hook, roomId, e);
    }
  }

  @FunctionalInterface
  private interface HookCall {
    void run() throws Exception;
  }

  /**
   * Delivers every pending change now (the server has stored and closed its rooms), then waits up
   * to {@code timeout} for the hooks to finish.
   */
  void drain(Duration timeout) {
    List<String> rooms;
    synchronized (this) {
      rooms = new ArrayList<>(pending.keySet());
      pending.values().forEach(changes -> changes.timer.cancel(false));
    }
    rooms.forEach(roomId -> thread.execute(() -> deliver(roomId)));
    thread.shutdown();
    try {
      if (!thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("hooks still running after {}; stopping without them", timeout);
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.shutdownNow();
    }
  }

  @Override
  public void close() {
    drain(Duration.ofSeconds(30));
  }
}
