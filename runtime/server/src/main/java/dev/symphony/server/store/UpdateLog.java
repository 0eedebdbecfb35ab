package dev.symphony.server.store;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Durable record of the updates applied to rooms since their last snapshot, so a crash loses
 * nothing the server had received a moment before. A room's updates must be appended from one
 * thread at a time (its executor), in the order they were applied.
 *
 * <p>The checkpoint protocol: on the room's executor, take the snapshot and {@link #mark} together;
 * once the snapshot is stored, call {@link #checkpointed} with that mark. Replaying an update the
 * snapshot already holds is harmless (Yjs updates are idempotent), so a crash between the two steps
 * loses nothing.
 */
public interface UpdateLog extends AutoCloseable {

  /** Appends an update; the future completes once it is on stable storage. */
  CompletableFuture<Void> append(String roomId, byte[] update);

  /** Covers every update of the room appended so far. */
  long mark(String roomId);

  /** The room's updates not yet covered by a checkpoint, oldest first. */
  List<byte[]> pending(String roomId) throws IOException;

  /** The room's stored snapshot holds everything up to {@code mark}: those records may go. */
  void checkpointed(String roomId, long mark);

  /** Rooms with updates not covered by a checkpoint, e.g. after a crash. */
  Set<String> roomsWithPending();

  /** False after a write failed (disk full, I/O error) until a later write succeeds. */
  boolean healthy();

  @Override
  void close();

  /** No log: durability rests on snapshots alone (the old 30 s window). */
  UpdateLog NONE = new Disabled();

  /** The log that keeps nothing; tests extend it to fake one behaviour. */
  class Disabled implements UpdateLog {
    @Override
    public CompletableFuture<Void> append(String roomId, byte[] update) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public long mark(String roomId) {
      return 0;
    }

    @Override
    public List<byte[]> pending(String roomId) {
      return List.of();
    }

    @Override
    public void checkpointed(String roomId, long mark) {}

    @Override
    public Set<String> roomsWithPending() {
      return Set.of();
    }

    @Override
    public boolean healthy() {
      return true;
    }

    @Override
    public void close() {}
  }
}
