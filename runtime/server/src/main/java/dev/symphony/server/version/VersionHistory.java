package dev.symphony.server.version;

import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomRegistry;
import dev.symphony.server.room.UpdateOrigin;
import dev.symphony.server.store.RoomCatalog;
import dev.symphony.server.store.VersionRecord;
import dev.symphony.server.store.VersionRecord.Trigger;
import dev.symphony.server.store.VersionStore;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YjsDecodingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The version history of rooms: takes versions (the whole document, encoded on the room's
 * executor), lists, reads and restores them, and enforces retention after each new version. Store
 * work runs on one thread of its own, never on the event loops that run rooms.
 */
public final class VersionHistory implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(VersionHistory.class);

  /** The actor of restore transactions ({@link UpdateOrigin.Server}). */
  public static final String RESTORE_ACTOR = "restore";

  private final RoomRegistry rooms;
  private final VersionStore store;
  private final RoomCatalog catalog;
  private final VersionPolicy policy;
  private final Clock clock;
  private final VersionIds ids = new VersionIds();
  private final AutoVersions auto;
  private final ExecutorService io =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("symphony-versions").daemon().factory());

  public VersionHistory(
      RoomRegistry rooms,
      VersionStore store,
      RoomCatalog catalog,
      VersionPolicy policy,
      Clock clock) {
    this.rooms = rooms;
    this.store = store;
    this.catalog = catalog;
    this.policy = policy;
    this.clock = clock;
    this.auto = new AutoVersions(this, policy, clock);
  }

  /** Starts taking automatic versions as the policy says (a room listener on the registry). */
  public VersionHistory listen() {
    rooms.addListener(auto);
    return this;
  }

  public VersionPolicy policy() {
    return policy;
  }

  /**
   * What a restore did; {@code backup} is the version of the state just before it, null when the
   * document already equalled the version (then nothing changed and no backup was taken).
   */
  public record Restored(
      VersionRecord restored, VersionRecord backup, List<String> changed, List<String> problems) {}

  /** Whether the room is loaded or known to the catalog (blocking). */
  boolean roomExists(String roomId) {
    return rooms.room(roomId).isPresent() || catalog.find(roomId).isPresent();
  }

  /**
   * Takes a version of the room now (loading it when it is not in memory). Fails with {@link
   * UnknownException} when the room does not exist.
   */
  public CompletableFuture<VersionRecord> take(String roomId, Trigger trigger, String name) {
    if (name != null && name.length() > VersionRecord.MAX_NAME_LENGTH) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "a version name has at most " + VersionRecord.MAX_NAME_LENGTH + " characters"));
    }
    return requireRoom(roomId)
        .thenCompose(
            ignored ->
                rooms.withRoom(
                    roomId,
                    room -> CompletableFuture.completedFuture(snapshot(room, trigger, name))))
        .thenCompose(pending -> pending);
  }

  /**
   * On the room's executor: encodes the document and marks it versioned, then stores the version on
   * the store thread. The future completes once it is stored.
   */
  CompletableFuture<VersionRecord> snapshot(Room room, Trigger trigger, String name) {
    byte[] document = room.encodeDocument();
    VersionIds.Next next = ids.next(clock.instant());
    auto.versioned(room.id());
    VersionRecord version =
        new VersionRecord(next.id(), next.created(), name, document.length, trigger);
    return CompletableFuture.supplyAsync(() -> store(room.id(), version, document), io);
  }

  private VersionRecord store(String roomId, VersionRecord version, byte[] document) {
    try {
      store.save(roomId, version, document);
      if (!roomExists(roomId)) {
        // The room was deleted while this version waited for the store: it must not outlive it.
        store.delete(roomId, version.id());
        throw new UnknownException("room " + roomId + " was deleted");
      }
      log.info(
          "room={} version={} taken ({}, {} bytes)",
          roomId,
          version.id(),
          version.trigger().label(),
          document.length);
      enforceRetention(roomId);
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "storing a version of room " + roomId + " failed: " + e.getMessage(), e);
    }
  }

  private void enforceRetention(String roomId) throws IOException {
    List<VersionRecord> expired = Retention.expired(store.list(roomId), clock.instant(), policy);
    for (VersionRecord version : expired) {
      store.delete(roomId, version.id());
    }
    if (!expired.isEmpty()) {
      log.info("room={} retention removed {} version(s)", roomId, expired.size());
    }
  }

  /** The room's versions, newest first; fails with {@link UnknownException} for unknown rooms. */
  public CompletableFuture<List<VersionRecord>> list(String roomId) {
    return CompletableFuture.supplyAsync(
        () -> {
          List<VersionRecord> versions = io(() -> store.list(roomId));
          if (versions.isEmpty() && !roomExists(roomId)) {
            throw new UnknownException("no room " + roomId);
          }
          return versions;
        },
        io);
  }

  /** One version's document as a Yjs update; fails with {@link UnknownException} when absent. */
  public CompletableFuture<byte[]> load(String roomId, String versionId) {
    VersionRecord.requireValidId(versionId);
    return CompletableFuture.supplyAsync(
        () -> {
          Optional<byte[]> update = io(() -> store.load(roomId, versionId));
          if (update.isEmpty()) {
            throw new UnknownException(
                roomExists(roomId)
                    ? "room " + roomId + " has no version " + versionId
                    : "no room " + roomId);
          }
          return update.get();
        },
        io);
  }

  /** The version's record, or {@link UnknownException}. */
  CompletableFuture<VersionRecord> record(String roomId, String versionId) {
    return list(roomId)
        .thenApply(
            versions ->
                versions.stream()
                    .filter(v -> v.id().equals(versionId))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new UnknownException(
                                "room " + roomId + " has no version " + versionId)));
  }

  /** The live document of a room as a Yjs update (loading the room when needed). */
  public CompletableFuture<byte[]> live(String roomId) {
    return requireRoom(roomId)
        .thenCompose(
            ignored ->
                rooms.withRoom(
                    roomId, room -> CompletableFuture.completedFuture(room.encodeDocument())));
  }

  /**
   * Makes the live document equal to the version with one new transaction (origin {@link
   * UpdateOrigin.Server} "restore"); first keeps the state before it as a version ({@code restore}
   * trigger) so the restore can be undone. The edits are worked out off the event loop, on a copy
   * of the live document, and checked there: when the copy would not end equal to the version the
   * restore fails with {@link IllegalStateException} and changes nothing. The room's executor then
   * only applies the copy's edits as one update, as it would a client's.
   */
  public CompletableFuture<Restored> restore(String roomId, String versionId) {
    return record(roomId, versionId)
        .thenCompose(
            restored ->
                load(roomId, versionId)
                    .thenCombine(live(roomId), (update, before) -> new byte[][] {update, before})
                    .thenApplyAsync(pair -> plan(restored, pair[1], pair[0]), io)
                    .thenCompose(
                        plan ->
                            plan.outcome().changed().isEmpty()
                                ? CompletableFuture.completedFuture(
                                    new Restored(
                                        restored, null, List.of(), plan.outcome().problems()))
                                : rooms.withRoom(
                                    roomId, room -> applyOnExecutor(room, restored, plan))));
  }

  /** The restore as one update against the live state it was worked out on. */
  private record Plan(byte[] update, DocumentRestore.Outcome outcome) {}

  /**
   * Restores on a copy of the live document, checks that it then equals the version, and returns
   * the copy's edits as one update.
   */
  private static Plan plan(VersionRecord restored, byte[] live, byte[] version) {
    try {
      YDoc copy = new YDoc();
      copy.applyUpdate(live);
      byte[] before = copy.encodeStateVector();
      DocumentRestore.Outcome[] outcome = new DocumentRestore.Outcome[1];
      YjsDecodingException[] failure = new YjsDecodingException[1];
      copy.transact(
          () -> {
            try {
              outcome[0] = DocumentRestore.apply(copy, version);
            } catch (YjsDecodingException e) {
              failure[0] = e;
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
      if (outcome[0].problems().isEmpty() && !DocumentRestore.equal(copy, version)) {
        throw new IllegalStateException("the restored copy did not end equal to the version");
      }
      return new Plan(copy.encodeStateAsUpdate(before), outcome[0]);
    } catch (YjsDecodingException | RuntimeException e) {
      throw new IllegalStateException(
          "version " + restored.id() + " cannot be restored: " + e.getMessage(), e);
    }
  }

  private CompletableFuture<Restored> applyOnExecutor(
      Room room, VersionRecord restored, Plan plan) {
    CompletableFuture<VersionRecord> backup =
        snapshot(room, Trigger.RESTORE, "before restoring " + restored.id());
    CompletableFuture<Void> durable =
        room.applyExternalUpdate(plan.update(), new UpdateOrigin.Server(RESTORE_ACTOR));
    log.info(
        "room={} restored version {} (changed {}{})",
        room.id(),
        restored.id(),
        plan.outcome().changed(),
        plan.outcome().problems().isEmpty() ? "" : "; " + plan.outcome().problems());
    return durable.thenCombine(
        backup,
        (ignored, kept) ->
            new Restored(restored, kept, plan.outcome().changed(), plan.outcome().problems()));
  }

  private CompletableFuture<Void> requireRoom(String roomId) {
    if (rooms.room(roomId).isPresent()) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(
        () -> {
          if (!roomExists(roomId)) {
            throw new UnknownException("no room " + roomId);
          }
        },
        io);
  }

  private interface IoCall<T> {
    T call() throws IOException;
  }

  private static <T> T io(IoCall<T> call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** A room or version that does not exist (the API answers 404). */
  public static final class UnknownException extends RuntimeException {
    UnknownException(String message) {
      super(message);
    }
  }

  @Override
  public void close() {
    io.shutdown();
  }
}
