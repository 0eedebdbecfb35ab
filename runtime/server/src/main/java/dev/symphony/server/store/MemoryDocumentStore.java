package dev.symphony.server.store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Snapshots kept in memory: for tests and throw-away servers; lost when the process ends. */
public final class MemoryDocumentStore implements DocumentStore {

  private final ConcurrentMap<String, byte[]> snapshots = new ConcurrentHashMap<>();
  private final MemoryVersionStore versions = new MemoryVersionStore();

  @Override
  public Optional<byte[]> load(String roomId) {
    return Optional.ofNullable(snapshots.get(roomId)).map(byte[]::clone);
  }

  @Override
  public void save(String roomId, byte[] snapshot) {
    snapshots.put(roomId, snapshot.clone());
  }

  @Override
  public void delete(String roomId) {
    snapshots.remove(roomId);
    versions.deleteAll(roomId);
  }

  @Override
  public VersionStore versions() {
    return versions;
  }
}
