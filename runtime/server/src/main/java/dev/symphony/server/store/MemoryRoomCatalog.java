package dev.symphony.server.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A catalog kept in memory: for tests and throw-away servers. */
public final class MemoryRoomCatalog implements RoomCatalog {

  private final ConcurrentMap<String, RoomRecord> rooms = new ConcurrentHashMap<>();

  @Override
  public void roomOpened(String roomId, Instant at) {
    rooms.compute(
        roomId,
        (id, old) ->
            old == null
                ? new RoomRecord(id, at, at, true, 0)
                : new RoomRecord(id, old.created(), at, true, old.documentBytes()));
  }

  @Override
  public void roomCheckpointed(String roomId, long documentBytes, Instant at) {
    rooms.compute(
        roomId,
        (id, old) ->
            old == null
                ? new RoomRecord(id, at, at, true, documentBytes)
                : new RoomRecord(id, old.created(), at, old.active(), documentBytes));
  }

  @Override
  public void roomClosed(String roomId, Instant at) {
    rooms.computeIfPresent(
        roomId, (id, old) -> new RoomRecord(id, old.created(), at, false, old.documentBytes()));
  }

  @Override
  public void delete(String roomId) {
    rooms.remove(roomId);
  }

  @Override
  public void markAllInactive() {
    rooms.replaceAll(
        (id, old) ->
            new RoomRecord(id, old.created(), old.lastActive(), false, old.documentBytes()));
  }

  @Override
  public Optional<RoomRecord> find(String roomId) {
    return Optional.ofNullable(rooms.get(roomId));
  }

  @Override
  public List<RoomRecord> list() {
    return rooms.values().stream()
        .sorted(Comparator.comparing(RoomRecord::lastActive).reversed())
        .toList();
  }

  @Override
  public void close() {}
}
