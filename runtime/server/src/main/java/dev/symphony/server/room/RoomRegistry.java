package dev.symphony.server.room;

import dev.symphony.server.metrics.RuntimeMetrics;
import dev.symphony.server.protocol.YMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
  private final RuntimeMetrics metrics;
  private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
  private final RoomListeners listeners = new RoomListeners();
  private volatile boolean shuttingDown;

  public RoomRegistry(RoomExecutors executors, RoomStorage storage, RoomSettings settings) {
    this(executors, storage, settings, RuntimeMetrics.NONE);
  }

  /** Rooms that report their update, fan-out and checkpoint times to {@code metrics}. */
  public RoomRegistry(
      RoomExecutors executors, RoomStorage storage, RoomSettings settings, RuntimeMetrics metrics) {
    this.metrics = metrics;
    this.executors = executors;
    this.storage = storage;
    this.settings = settings;
  }

  public RoomSettings settings() {
    return settings;
  }

  /** Adds an observer of every room; add listeners before the first room loads. */
  public void addListener(RoomListener listener) {
    listeners.add(listener);
  }

  /**
   * Runs {@code action} on the room's executor once the room is open, loading it first when it is
   * not in memory (it then unloads after the grace period like any idle room). The action may call
   * the room's executor-only methods ({@link Room#applyExternalUpdate}, {@link Room#change}, ...).
   * Fails when the server is shutting down, the room cannot load, or the room limit is reached.
   */
  public <T> CompletableFuture<T> withRoom(
      String roomId, java.util.function.Function<Room, CompletableFuture<T>> action) {
    RoomExecutor executor = executors.forRoom(roomId);
    CompletableFuture<Room> open = new CompletableFuture<>();
    // Chained before the executor can complete it: a stage added to a future that is already
    // complete runs on the thread that adds it, here the caller's (a Redis client's, an HTTP
    // worker's), which would then race the room's own thread on its document.
    CompletableFuture<T> result = open.thenCompose(action);
    executor.execute(
        () -> {
          if (shuttingDown) {
            open.completeExceptionally(new IllegalStateException("server is shutting down"));
            return;
          }
          Room room = rooms.get(roomId);
          if (room == null) {
            if (rooms.size() >= settings.maxRooms()) {
              open.completeExceptionally(
                  new IllegalStateException(
                      "too many rooms in memory (limit " + settings.maxRooms() + ")"));
              return;
            }
            room = open(roomId, executor);
          }
          room.whenOpen(open);
        });
    // The room completes the future on its executor, so the action runs there too.
    return result;
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
            if (!RoomCapacity.admitsNewRoom(
                rooms, settings.maxRooms(), executors, roomId, connection, metrics)) {
              return;
            }
            room = open(roomId, executor);
          }
          room.join(connection);
        });
  }

  /**
   * Loads a room without a connection, e.g. one whose updates the log recovered after a crash: it
   * is checkpointed on load and unloads after the grace period like any idle room.
   */
  public void load(String roomId) {
    RoomExecutor executor = executors.forRoom(roomId);
    executor.execute(
        () -> {
          if (!shuttingDown && !rooms.containsKey(roomId)) {
            open(roomId, executor);
          }
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

  /** What the transport reports its messages and connections to. */
  public RuntimeMetrics metrics() {
    return metrics;
  }

  /** The loaded rooms (a moment's view; read their {@link Room#stats()} from any thread). */
  public Collection<Room> rooms() {
    return java.util.List.copyOf(rooms.values());
  }

  /** The loaded room of that id, if any. */
  public Optional<Room> room(String roomId) {
    return Optional.ofNullable(rooms.get(roomId));
  }

  /**
   * Closes the room's connections and deletes it: its snapshot, its logged updates and its catalog
   * record. Completes once the storage is gone; works for rooms that are not loaded too. Clients
   * that reconnect start a new, empty room (and their providers push their local state into it).
   */
  public CompletableFuture<Void> delete(String roomId) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    executors
        .forRoom(roomId)
        .execute(
            () -> {
              Room room = rooms.get(roomId);
              CompletableFuture<Void> deleting =
                  room != null
                      ? room.delete()
                      : storage.delete(roomId, storage.updateLog().mark(roomId));
              deleting.whenComplete(
                  (ignored, failure) -> {
                    if (failure != null) {
                      done.completeExceptionally(failure);
                    } else {
                      done.complete(null);
                    }
                  });
            });
    return done;
  }

  /**
   * The room's document as JSON ({@link dev.symphony.yjs.YDoc#toJson()}): a loaded room's on its
   * executor, another's read from storage; empty when the room has nothing stored.
   */
  public CompletableFuture<Optional<String>> documentJson(String roomId) {
    CompletableFuture<Optional<String>> json = new CompletableFuture<>();
    executors
        .forRoom(roomId)
        .execute(
            () -> {
              Room room = rooms.get(roomId);
              CompletableFuture<Optional<String>> reading =
                  room != null
                      ? room.documentJson().thenApply(Optional::ofNullable)
                      : storage.read(roomId).thenApply(doc -> doc.map(d -> d.toJson()));
              reading.whenComplete(
                  (value, failure) -> {
                    if (failure != null) {
                      json.completeExceptionally(failure);
                    } else {
                      json.complete(value);
                    }
                  });
            });
    return json;
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

  /** Creates the room, registers it and starts loading it; on its executor. */
  private Room open(String roomId, RoomExecutor executor) {
    Room room = new Room(roomId, executor, settings, storage, metrics, listeners, this::forget);
    rooms.put(roomId, room);
    room.start();
    return room;
  }

  private void forget(Room room) {
    rooms.remove(room.id(), room);
  }
}
