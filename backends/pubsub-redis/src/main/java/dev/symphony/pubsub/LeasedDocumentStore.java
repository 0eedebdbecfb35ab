package dev.symphony.pubsub;

import dev.symphony.server.store.DocumentStore;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YjsDecodingException;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared document store as a node sees it: only the holder of a room's checkpoint lease writes
 * the room's snapshot. Another node's checkpoint is skipped, which is safe because its updates are
 * in the room's stream, where the holder's checkpoint picks them up. A node whose updates still
 * wait for Redis refuses instead, so its room stays loaded (and the checkpoint retries) until they
 * are logged or this node holds the lease. A newly taken lease merges the stored snapshot into the
 * first write, so a holder that missed an entry its predecessor checkpointed and trimmed cannot
 * overwrite it.
 */
final class LeasedDocumentStore implements DocumentStore {

  private static final Logger log = LoggerFactory.getLogger(LeasedDocumentStore.class);

  private final DocumentStore shared;
  private final CheckpointLease lease;
  private final RedisUpdateLog updateLog;

  LeasedDocumentStore(DocumentStore shared, CheckpointLease lease, RedisUpdateLog updateLog) {
    this.shared = shared;
    this.lease = lease;
    this.updateLog = updateLog;
  }

  @Override
  public Optional<byte[]> load(String roomId) throws IOException {
    return shared.load(roomId);
  }

  @Override
  public void save(String roomId, byte[] snapshot) throws IOException {
    if (!lease.holdsOrTakes(roomId)) {
      if (updateLog.hasWaiting(roomId)) {
        throw new IOException(
            "room "
                + roomId
                + " has updates waiting for Redis and this node does not hold its checkpoint"
                + " lease; keeping it loaded");
      }
      log.debug("room={}: checkpoint left to the lease holder", roomId);
      return;
    }
    byte[] toStore = snapshot;
    if (lease.takeFresh(roomId)) {
      toStore = mergedWithStored(roomId, snapshot);
    }
    shared.save(roomId, toStore);
  }

  private byte[] mergedWithStored(String roomId, byte[] snapshot) throws IOException {
    Optional<byte[]> stored = shared.load(roomId);
    if (stored.isEmpty()) {
      return snapshot;
    }
    YDoc merged = new YDoc();
    try {
      merged.applyUpdate(stored.get());
      merged.applyUpdate(snapshot);
    } catch (YjsDecodingException e) {
      throw new IOException("stored snapshot of room " + roomId + " does not decode", e);
    }
    return merged.encodeStateAsUpdate();
  }

  @Override
  public void delete(String roomId) throws IOException {
    shared.delete(roomId);
  }
}
