package dev.symphony.server.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Versions of rooms: immutable snapshots kept beside the room's snapshot in the same storage (a
 * {@link DocumentStore} hands out its own through {@link DocumentStore#versions()}). A version,
 * once saved, never changes; it goes away only through {@link #delete} (retention) or {@link
 * #deleteAll} (the room is deleted). Implementations block; callers run them off the event loops.
 */
public interface VersionStore {

  /**
   * Stores a new version of the room, atomically: readers see all of it or none of it. The id must
   * be new for the room; {@code version.bytes()} is ignored (the size of {@code update} counts).
   */
  void save(String roomId, VersionRecord version, byte[] update) throws IOException;

  /** The room's versions, newest first; empty when it has none. */
  List<VersionRecord> list(String roomId) throws IOException;

  /** The stored update of one version, or empty when the room has no such version. */
  Optional<byte[]> load(String roomId, String versionId) throws IOException;

  /** Removes one version; false when there was no such version. */
  boolean delete(String roomId, String versionId) throws IOException;

  /** Removes every version of the room; nothing happens when there are none. */
  void deleteAll(String roomId) throws IOException;

  /** For stores that keep no versions: reads find none, writes fail with a clear reason. */
  VersionStore NONE =
      new VersionStore() {
        @Override
        public void save(String roomId, VersionRecord version, byte[] update) throws IOException {
          throw new IOException("this document store keeps no versions");
        }

        @Override
        public List<VersionRecord> list(String roomId) {
          return List.of();
        }

        @Override
        public Optional<byte[]> load(String roomId, String versionId) {
          return Optional.empty();
        }

        @Override
        public boolean delete(String roomId, String versionId) {
          return false;
        }

        @Override
        public void deleteAll(String roomId) {}
      };
}
