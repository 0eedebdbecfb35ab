package dev.symphony.server.embed;

import java.util.Optional;

/**
 * Gives a room its first document when Symphony has nothing stored for it (the document store and
 * the update log are empty for that id): an import from the application's own database, a template.
 *
 * <p><b>Thread:</b> a storage thread ({@code symphony-store-*}), never a room's event loop, so it
 * may block: connections to that room wait for it, and other storage work on the same thread
 * (snapshots of rooms that share it) queues behind it. An exception fails the load: the waiting
 * connections are closed with 1011 and the next join tries again.
 */
@FunctionalInterface
public interface OnLoad {

  /**
   * @return the document as one Yjs update (v1), or empty to start the room empty
   */
  Optional<byte[]> load(String roomId) throws Exception;
}
