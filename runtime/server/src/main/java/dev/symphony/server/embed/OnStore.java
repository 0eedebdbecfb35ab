package dev.symphony.server.embed;

/**
 * Told of every snapshot Symphony stored for a room (a checkpoint: periodic while the room is
 * edited, when it unloads, at shutdown), after the document store has it: mirror documents into the
 * application's database, index them.
 *
 * <p><b>Thread:</b> a storage thread ({@code symphony-store-*}), never a room's event loop, so it
 * may block; the room's next checkpoint and the other storage work of that thread wait for it. An
 * exception counts as a failed checkpoint: it is logged, the room stays loaded and the checkpoint
 * is retried, so a snapshot may be offered more than once (at least once).
 */
@FunctionalInterface
public interface OnStore {

  /**
   * @param snapshot the whole document as one Yjs update (v1)
   */
  void stored(String roomId, byte[] snapshot) throws Exception;
}
