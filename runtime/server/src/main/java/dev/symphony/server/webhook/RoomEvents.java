package dev.symphony.server.webhook;

import dev.symphony.server.room.Connection;
import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomListener;
import dev.symphony.server.room.UpdateOrigin;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns what rooms do into webhook events. Runs on the rooms' executors, so it only builds the
 * small JSON body and hands it on; nothing here waits for the database or the network.
 *
 * <p>{@code room.changed} is debounced per room: the first change after a quiet spell starts a
 * window of {@code debounce}; at its end one event carries the room's state vector and size as of
 * its last change. A room that closes sends its pending event at once. With a zero debounce every
 * change is its own event.
 */
final class RoomEvents implements RoomListener {

  /** A room's latest change in the current debounce window. */
  private record Latest(byte[] stateVector, long documentBytes) {}

  private final Consumer<WebhookEvent> sink;
  private final Duration debounce;
  private final Clock clock;
  private final ConcurrentMap<String, Latest> waiting = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;

  RoomEvents(Consumer<WebhookEvent> sink, Duration debounce, Clock clock) {
    this.sink = sink;
    this.debounce = debounce;
    this.clock = clock;
    this.timer =
        debounce.isZero()
            ? null
            : Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("symphony-webhook-debounce").daemon().factory());
  }

  /** The catalog saw the room for the first time. */
  void created(String roomId) {
    sink.accept(WebhookEvent.of(WebhookEvent.ROOM_CREATED, roomId, clock.instant(), data -> {}));
  }

  @Override
  public void documentChanged(Room room, byte[] update, UpdateOrigin origin) {
    if (!origin.local()) {
      return; // a replica's change is reported by the node where it was made
    }
    Latest latest = new Latest(room.encodeStateVector(), room.stats().documentBytes());
    if (timer == null) {
      sendChanged(room.id(), latest);
      return;
    }
    if (waiting.put(room.id(), latest) == null) {
      timer.schedule(() -> flush(room.id()), debounce.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void stored(Room room, long documentBytes) {
    sink.accept(
        WebhookEvent.of(
            WebhookEvent.ROOM_STORED,
            room.id(),
            clock.instant(),
            data -> data.put("documentBytes", documentBytes)));
  }

  @Override
  public void joined(Room room, Connection connection) {
    sendUser(WebhookEvent.USER_JOINED, room, connection);
  }

  @Override
  public void left(Room room, Connection connection) {
    sendUser(WebhookEvent.USER_LEFT, room, connection);
  }

  @Override
  public void closed(Room room) {
    flush(room.id());
  }

  /** Sends every debounced change now (shutdown). */
  void flushAll() {
    waiting.keySet().forEach(this::flush);
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** Whoever removes the entry sends it, so a window's event goes out exactly once. */
  private void flush(String roomId) {
    Latest latest = waiting.remove(roomId);
    if (latest != null) {
      sendChanged(roomId, latest);
    }
  }

  private void sendChanged(String roomId, Latest latest) {
    sink.accept(
        WebhookEvent.of(
            WebhookEvent.ROOM_CHANGED,
            roomId,
            clock.instant(),
            data -> {
              data.put("stateVector", Base64.getEncoder().encodeToString(latest.stateVector()));
              data.put("documentBytes", latest.documentBytes());
            }));
  }

  private void sendUser(String type, Room room, Connection connection) {
    sink.accept(
        WebhookEvent.of(
            type,
            room.id(),
            clock.instant(),
            data -> {
              data.put("remoteAddress", connection.remoteAddress());
              data.put("userId", connection.userId());
              data.put("userName", connection.userName());
              data.put("connections", room.connectionCount());
            }));
  }
}
