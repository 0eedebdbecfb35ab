package dev.symphony.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Versions kept in memory, beside {@link MemoryDocumentStore}'s snapshots; lost at exit. */
public final class MemoryVersionStore implements VersionStore {

  private record Stored(VersionRecord version, byte[] update) {}

  private final ConcurrentMap<String, ConcurrentSkipListMap<String, Stored>> rooms =
      new ConcurrentHashMap<>();

  @Override
  public void save(String roomId, VersionRecord version, byte[] update) throws java.io.IOException {
    Stored stored = new Stored(version.withBytes(update.length), update.clone());
    if (rooms
            .computeIfAbsent(roomId, id -> new ConcurrentSkipListMap<>())
            .putIfAbsent(version.id(), stored)
        != null) {
      throw new java.io.IOException(
          "version " + version.id() + " of room " + roomId + " exists already");
    }
  }

  @Override
  public List<VersionRecord> list(String roomId) {
    Map<String, Stored> versions = rooms.getOrDefault(roomId, new ConcurrentSkipListMap<>());
    List<VersionRecord> newestFirst = new ArrayList<>();
    versions.values().forEach(stored -> newestFirst.add(0, stored.version()));
    return newestFirst;
  }

  @Override
  public Optional<byte[]> load(String roomId, String versionId) {
    Map<String, Stored> versions = rooms.get(roomId);
    Stored stored = versions == null ? null : versions.get(versionId);
    return stored == null ? Optional.empty() : Optional.of(stored.update().clone());
  }

  @Override
  public boolean delete(String roomId, String versionId) {
    Map<String, Stored> versions = rooms.get(roomId);
    return versions != null && versions.remove(versionId) != null;
  }

  @Override
  public void deleteAll(String roomId) {
    rooms.remove(roomId);
  }
}
