package dev.symphony.server.room;

import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.RoomCatalog;
import dev.symphony.server.store.UpdateLog;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YjsDecodingException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking storage work of rooms (snapshots and catalog), run off the event loops. Work for one
 * room id always runs on the same single thread, in submission order, so a room that unloads and is
 * loaded again right away never sees its old "closed" land after its new "opened".
 */
public final class RoomStorage implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RoomStorage.class);

  private final DocumentStore documents;
  private final RoomCatalog catalog;
  private final Clock clock;
  private final ExecutorService[] lanes;
  private final Executor direct;
  private UpdateLog updateLog = UpdateLog.NONE;

  /** Storage work runs on {@code threads} threads; each room id has its own lane. */
  public RoomStorage(DocumentStore documents, RoomCatalog catalog, Clock clock, int threads) {
    this.documents = documents;
    this.catalog = catalog;
    this.clock = clock;
    this.direct = null;
    this.lanes = new ExecutorService[threads];
    for (int i = 0; i < threads; i++) {
      lanes[i] =
          Executors.newSingleThreadExecutor(
              Thread.ofPlatform().name("symphony-store-" + i).daemon().factory());
    }
  }

  /** Storage work runs on {@code executor}; tests pass a direct one to stay on one thread. */
  RoomStorage(DocumentStore documents, RoomCatalog catalog, Clock clock, Executor executor) {
    this.documents = documents;
    this.catalog = catalog;
    this.clock = clock;
    this.direct = executor;
    this.lanes = new ExecutorService[0];
  }

  /** The clock the catalog's times come from; rooms read it too. */
  Clock clock() {
    return clock;
  }

  public RoomCatalog catalog() {
    return catalog;
  }

  /**
   * Records every update of every room between checkpoints (durability); set before the first room
   * loads. {@link UpdateLog#NONE} (the default) leaves durability to snapshots alone.
   */
  public RoomStorage withUpdateLog(UpdateLog log) {
    this.updateLog = log;
    return this;
  }

  public UpdateLog updateLog() {
    return updateLog;
  }

  /**
   * Reads the room's snapshot into a fresh document, replays the updates the log holds after it,
   * and marks the room active. Fails with {@link CorruptSnapshotException} when the snapshot does
   * not decode: the file is left as it is for a person to inspect.
   */
  CompletableFuture<LoadedDocument> load(String roomId) {
    return submit(
        roomId,
        () -> {
          YDoc doc = new YDoc();
          byte[] snapshot = documents.load(roomId).orElse(null);
          if (snapshot != null) {
            try {
              doc.applyUpdate(snapshot);
            } catch (YjsDecodingException e) {
              throw new CorruptSnapshotException(roomId, snapshot.length, e);
            }
          }
          List<byte[]> pending = updateLog.pending(roomId);
          for (byte[] update : pending) {
            try {
              doc.applyUpdate(update);
            } catch (YjsDecodingException e) {
              // Checksummed and applied once before: refuse the room rather than drop an edit.
              throw new java.io.IOException(
                  "update log record of room " + roomId + " does not decode: " + e.getMessage(), e);
            }
          }
          catalogQuietly(roomId, "open", () -> catalog.roomOpened(roomId, clock.instant()));
          return new LoadedDocument(doc, pending.size());
        });
  }

  /** Writes a snapshot, then records its size in the catalog. */
  CompletableFuture<Void> save(String roomId, byte[] snapshot) {
    return save(roomId, snapshot, -1);
  }

  /**
   * Writes a snapshot that holds the room's logged updates up to {@code logMark} (taken together
   * with the snapshot on the room's executor; negative for none), releases those log records, then
   * records the size in the catalog.
   */
  CompletableFuture<Void> save(String roomId, byte[] snapshot, long logMark) {
    return submit(
        roomId,
        () -> {
          documents.save(roomId, snapshot);
          if (logMark >= 0) {
            updateLog.checkpointed(roomId, logMark);
          }
          catalogQuietly(
              roomId,
              "checkpoint",
              () -> catalog.roomCheckpointed(roomId, snapshot.length, clock.instant()));
          return null;
        });
  }

  /**
   * Deletes the room: its snapshot, its logged updates up to {@code logMark} (taken on the room's
   * executor) and its catalog record. Runs in the room's lane, after any save queued before it.
   */
  CompletableFuture<Void> delete(String roomId, long logMark) {
    return submit(
        roomId,
        () -> {
          documents.delete(roomId);
          updateLog.checkpointed(roomId, logMark);
          catalog.delete(roomId);
          return null;
        });
  }

  /**
   * Reads a room that is not loaded (snapshot plus logged updates) into a fresh document without
   * marking it active, e.g. to show it in the admin API; empty when nothing is stored.
   */
  CompletableFuture<java.util.Optional<YDoc>> read(String roomId) {
    return submit(
        roomId,
        () -> {
          byte[] snapshot = documents.load(roomId).orElse(null);
          List<byte[]> pending = updateLog.pending(roomId);
          if (snapshot == null && pending.isEmpty()) {
            return java.util.Optional.empty();
          }
          YDoc doc = new YDoc();
          if (snapshot != null) {
            doc.applyUpdate(snapshot);
          }
          for (byte[] update : pending) {
            doc.applyUpdate(update);
          }
          return java.util.Optional.of(doc);
        });
  }

  /** Marks the room inactive. */
  CompletableFuture<Void> closed(String roomId) {
    return submit(
        roomId,
        () -> {
          catalogQuietly(roomId, "close", () -> catalog.roomClosed(roomId, clock.instant()));
          return null;
        });
  }

  private <T> CompletableFuture<T> submit(String roomId, Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Executor lane = direct != null ? direct : lanes[Math.floorMod(roomId.hashCode(), lanes.length)];
    lane.execute(
        () -> {
          try {
            result.complete(work.call());
          } catch (Throwable e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  /** The document is what matters; a catalog hiccup is logged, never fails the room. */
  private static void catalogQuietly(String roomId, String what, Runnable update) {
    try {
      update.run();
    } catch (RuntimeException e) {
      log.warn("room catalog {} failed for room={}: {}", what, roomId, e.toString());
    }
  }

  /** Finishes the queued work (at most {@code timeoutMillis}), then stops the threads. */
  public void close(long timeoutMillis) {
    for (ExecutorService lane : lanes) {
      lane.shutdown();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (ExecutorService lane : lanes) {
      try {
        lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    close(30_000);
  }
}
