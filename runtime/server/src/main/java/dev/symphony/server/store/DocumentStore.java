package dev.symphony.server.store;

import java.io.IOException;
import java.util.Optional;

/**
 * Document snapshots as blobs by room id: each snapshot is the whole document as one Yjs update
 * (format v1). Implementations block; the room runtime calls them off its event loops.
 */
public interface DocumentStore {

  /** The latest snapshot of the room, or empty when the room never had one. */
  Optional<byte[]> load(String roomId) throws IOException;

  /**
   * Replaces the room's snapshot. Atomic: after a crash the store holds either the old or the new
   * snapshot, never a mix.
   */
  void save(String roomId, byte[] snapshot) throws IOException;

  /**
   * Removes the room's snapshot and all its versions ({@link #versions()}); nothing happens when
   * there are none.
   */
  void delete(String roomId) throws IOException;

  /**
   * The versions of rooms, kept in the same storage as the snapshots (deleted with them by {@link
   * #delete}). A store that keeps none answers {@link VersionStore#NONE}.
   */
  default VersionStore versions() {
    return VersionStore.NONE;
  }
}
