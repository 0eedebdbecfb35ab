package dev.symphony.server.room;

import dev.symphony.server.protocol.YMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The rooms of this process, by id. Callable from any thread: every call hops onto the room's
 * executor, and a room id always maps to the same executor, so creating, joining and unloading a
 * room are ordered without locks. The map itself is concurrent only so that other threads can list
 * the rooms.
 */
public final class RoomRegistry {

  private final RoomExecutors executors;
  private final RoomStorage storage;
  private final RoomSettings settings;
  private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
  private volatile boolean shuttingDown;

  public RoomRegistry(RoomExecutors executors, RoomStorage storage, RoomSettings settings) {
    this.executors = executors;
    this.storage = storage;
    this.settings = settings;
  }

  public RoomSettings settings() {
    return settings;
  }

  /** Adds the connection to the room, loading the room first when it is not loaded. */
  public void join(String roomId, Connection connection) {
    RoomExecutor executor = executors.forRoom(roomId);
    executor.execute(
        () -> {
          if (shuttingDown) {
            connection.close(CloseCodes.GOING_AWAY, "server is shutting down");
            return;
          }
          Room room = rooms.get(roomId);
          if (room == null) {
            room = new Room(roomId, executor, settings, storage, this::forget);
            rooms.put(roomId, room);
            room.start();
          }
          room.join(connection);
        });
  }

  /** Hands a message from a joined connection to its room. */
  public void deliver(String roomId, Connection connection, YMessage message) {
    executors
        .forRoom(roomId)
        .execute(
            () -> {
              Room room = rooms.get(roomId);
              if (room != null) {
                room.receive(connection, message);
              }
            });
  }

  /** The connection closed. */
  public void leave(String roomId, Connection connection) {
    executors
        .forRoom(roomId)
        .execute(
            () -> {
              Room room = rooms.get(roomId);
              if (room != null) {
                room.leave(connection);
              }
            });
  }

  /** Ids of the loaded rooms (a moment's view). */
  public Set<String> roomIds() {
    return Set.copyOf(rooms.keySet());
  }

  public int size() {
    return rooms.size();
  }

  /**
   * Refuses new joins, closes every connection and unloads every room with a final checkpoint.
   * Completes when all rooms are stored.
   */
  public CompletableFuture<Void> shutdown() {
    shuttingDown = true;
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (Room room : rooms.values()) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      executors
          .forRoom(room.id())
          .execute(
              () ->
                  room.shutdown()
                      .whenComplete(
                          (ignored, failure) -> {
                            done.complete(null);
                          }));
      closing.add(done);
    }
    // A join that was already on its way when shutdown began may have created a room after the
    // loop above looked; such a room closes itself on load (it sees the flag) or is caught here.
    return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
        .thenCompose(
            ignored -> rooms.isEmpty() ? CompletableFuture.completedFuture(null) : shutdown());
  }

  private void forget(Room room) {
    rooms.remove(room.id(), room);
  }
}
