package dev.symphony.server.room;

import dev.symphony.server.metrics.RejectReason;
import dev.symphony.server.metrics.RuntimeMetrics;
import dev.symphony.server.protocol.AwarenessEntry;
import dev.symphony.server.protocol.AwarenessUpdate;
import dev.symphony.server.protocol.MalformedMessageException;
import dev.symphony.server.protocol.MessageEncoder;
import dev.symphony.server.protocol.YMessage;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YjsDecodingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collaboration session: a document, the connections editing it and their awareness states.
 * Every method runs on the room's {@link RoomExecutor}, so nothing here is locked.
 *
 * <p>Life: LOADING (snapshot being read; joiners wait) → OPEN → after the last connection left and
 * the grace period passed, UNLOADING (final checkpoint; a joiner revives the room) → CLOSED.
 */
public final class Room {

  private static final Logger log = LoggerFactory.getLogger(Room.class);

  /** Where a room is in its life. */
  public enum State {
    LOADING,
    OPEN,
    UNLOADING,
    CLOSED
  }

  private final String id;
  private final RoomExecutor executor;
  private final RoomSettings settings;
  private final RoomStorage storage;
  private final Consumer<Room> onClosed;
  private final AwarenessStates awareness;
  private final QuietMembers quietMembers;
  private final Set<Connection> waiting = new LinkedHashSet<>();
  private final Set<Connection> members = new LinkedHashSet<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final RuntimeMetrics metrics;
  private final RoomStats stats;
  private final DocumentSizeGuard sizeGuard;
  private final RoomListeners listeners;
  private final List<CompletableFuture<Room>> openWaiters = new ArrayList<>();
  private final java.util.Map<UpdateOrigin, RemotePeer> remotePeers = new java.util.HashMap<>();

  private State state = State.LOADING;
  private YDoc doc;
  private AutoCloseable updateSubscription;
  private Checkpointer checkpointer;
  private UpdateOrigin updateOrigin;

  /**
   * The update being applied may integrate content that waited for it (another client's, or
   * deletions): its event then carries what the sender never had, so the sender gets it too.
   */
  private boolean echoToSender;

  private CompletableFuture<Void> lastAppend;
  private RoomExecutor.Cancellable graceTimer;
  private boolean shuttingDown;

  /** Fan-out time spent inside the update being applied now, so apply time excludes it. */
  private long fanoutNanosDuringApply;

  Room(
      String id,
      RoomExecutor executor,
      RoomSettings settings,
      RoomStorage storage,
      RuntimeMetrics metrics,
      RoomListeners listeners,
      Consumer<Room> onClosed) {
    this.id = id;
    this.executor = executor;
    this.settings = settings;
    this.storage = storage;
    this.onClosed = onClosed;
    this.metrics = metrics;
    this.listeners = listeners;
    this.stats = new RoomStats(id);
    this.awareness = new AwarenessStates(settings.maxAwarenessClientsPerConnection());
    this.quietMembers = new QuietMembers(storage.clock());
    this.sizeGuard = new DocumentSizeGuard(id, settings.maxDocumentBytes(), metrics);
  }

  public String id() {
    return id;
  }

  public State state() {
    return state;
  }

  /** Connections, document size and activity, readable from any thread. */
  public RoomStats stats() {
    return stats;
  }

  public int connectionCount() {
    return members.size();
  }

  /** The whole document as one update; on the room's executor only. */
  public byte[] encodeDocument() {
    return doc == null ? new byte[0] : doc.encodeStateAsUpdate();
  }

  /** Completes once the room is closed and its last catalog update is stored. */
  public CompletableFuture<Void> closedFuture() {
    return closed;
  }

  void start() {
    storage
        .load(id)
        .whenComplete((loaded, failure) -> executor.execute(() -> onLoaded(loaded, failure)));
  }

  /** Whether the last load failed because the stored snapshot is corrupt. */
  private static CorruptSnapshotException corruptSnapshot(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CorruptSnapshotException corrupt) {
        return corrupt;
      }
    }
    return null;
  }

  void join(Connection connection) {
    switch (state) {
      case LOADING -> waiting.add(connection);
      case OPEN, UNLOADING -> admit(connection);
      case CLOSED -> connection.close(CloseCodes.GOING_AWAY, "room is closed, reconnect");
    }
  }

  void leave(Connection connection) {
    if (waiting.remove(connection) || !members.remove(connection)) {
      return;
    }
    quietMembers.left(connection);
    stats.connections(members.size());
    announceRemovals(awareness.removeAllOf(connection), new UpdateOrigin.Client(connection));
    listeners.notify(this, "left", l -> l.left(this, connection));
    if (members.isEmpty() && state == State.OPEN) {
      startGracePeriod();
    }
  }

  void receive(Connection from, YMessage message) {
    if (!members.contains(from)) {
      return; // closed by the room already, or never joined: its late messages are dropped
    }
    stats.touch();
    try {
      switch (message) {
        case YMessage.SyncStep1 step1 ->
            send(from, MessageEncoder.syncStep2(doc.encodeStateAsUpdate(step1.stateVector())));
        case YMessage.SyncStep2 step2 -> applyClientUpdate(from, step2.update());
        case YMessage.SyncUpdate update -> applyClientUpdate(from, update.update());
        case YMessage.Awareness update -> applyAwareness(from, update.update());
        case YMessage.QueryAwareness query -> send(from, awarenessOfAll());
        case YMessage.Auth auth ->
            log.debug("room={} remote={} sent an auth message; ignored", id, from.remoteAddress());
      }
    } catch (YjsDecodingException e) {
      reject(from, CloseCodes.INVALID_PAYLOAD, "invalid Yjs data: " + e.getMessage());
    } catch (MalformedMessageException e) {
      reject(from, e.closeCode(), e.getMessage());
    } catch (AwarenessStates.TooManyClientsException e) {
      reject(from, CloseCodes.POLICY_VIOLATION, e.getMessage());
    } catch (RuntimeException e) {
      log.error("room={} remote={} message failed: {}", id, from.remoteAddress(), message, e);
      reject(from, CloseCodes.INTERNAL_ERROR, "the server failed to handle a message");
    }
  }

  /** Closes every connection and unloads now (final checkpoint included): server shutdown. */
  CompletableFuture<Void> shutdown() {
    shuttingDown = true;
    cancelGracePeriod();
    List<Connection> everyone = new ArrayList<>(waiting);
    everyone.addAll(members);
    waiting.clear();
    members.clear();
    stats.connections(0);
    for (Connection connection : everyone) {
      connection.close(CloseCodes.GOING_AWAY, "server is shutting down");
    }
    if (state == State.OPEN) {
      unload();
    }
    return closed;
  }

  private void onLoaded(LoadedDocument loaded, Throwable failure) {
    if (failure != null) {
      CorruptSnapshotException corrupt = corruptSnapshot(failure);
      String reason;
      if (corrupt != null) {
        log.error("room={} refused: {}", id, corrupt.getMessage());
        reason = "the stored document of this room is corrupt; the server does not serve it";
      } else {
        log.error("room={} could not be loaded; refusing its connections", id, failure);
        reason = "room could not be loaded";
      }
      for (Connection connection : waiting) {
        connection.close(CloseCodes.INTERNAL_ERROR, reason);
      }
      waiting.clear();
      failOpenWaiters(new IllegalStateException("room " + id + ": " + reason, failure));
      finishClose(false);
      return;
    }
    doc = loaded.doc();
    stats.documentBytes(doc.encodeStateAsUpdate().length);
    updateSubscription = doc.onUpdate(this::onDocumentUpdate);
    checkpointer =
        new Checkpointer(
            id,
            executor,
            storage,
            settings.checkpointInterval(),
            this::snapshot,
            metrics,
            bytes -> listeners.notify(this, "stored", l -> l.stored(this, bytes)));
    state = State.OPEN;
    listeners.notify(this, "opened", l -> l.opened(this));
    if (loaded.replayed() > 0) {
      // Updates came from the log (a crash before their checkpoint): store them in a snapshot now
      // so the log can let them go.
      checkpointer.markChanged();
      checkpointer.checkpoint();
    }
    if (shuttingDown) {
      failOpenWaiters(new IllegalStateException("server is shutting down"));
      unload();
      return;
    }
    List<CompletableFuture<Room>> opened = new ArrayList<>(openWaiters);
    openWaiters.clear();
    opened.forEach(waiter -> waiter.complete(this));
    List<Connection> joiners = new ArrayList<>(waiting);
    waiting.clear();
    joiners.forEach(this::admit);
    if (members.isEmpty()) {
      startGracePeriod();
    }
  }

  private void admit(Connection connection) {
    if (state == State.UNLOADING) {
      state = State.OPEN; // revived: the document is still here, the pending unload backs off
    }
    cancelGracePeriod();
    members.add(connection);
    stats.connections(members.size());
    // As the reference y-websocket server: our state vector first, so the client answers with
    // what we lack; then everyone's presence.
    send(connection, MessageEncoder.syncStep1(doc.encodeStateVector()));
    if (!awareness.isEmpty()) {
      send(connection, awarenessOfAll());
    }
    quietMembers.joined(connection);
    connection.joined();
    listeners.notify(this, "joined", l -> l.joined(this, connection));
  }

  private void applyClientUpdate(Connection from, byte[] update) throws YjsDecodingException {
    if (!from.mayWrite()) {
      ReadOnlyGuard.refuse(id, from, update);
      return;
    }
    if (!sizeGuard.admits(from, stats, doc, update.length)) {
      return;
    }
    apply(update, new UpdateOrigin.Client(from));
  }

  /**
   * Applies an update that did not come from one of this room's connections: the document API, a
   * replica on another node. On the room's executor, once the room is open (see {@link
   * RoomRegistry#withRoom}). The future completes once a local change is durable in the update log
   * (at once for a replica's, or when the update changed nothing); it fails with {@link
   * YjsDecodingException} for a malformed update, which changes nothing.
   */
  public CompletableFuture<Void> applyExternalUpdate(byte[] update, UpdateOrigin origin) {
    requireOpen();
    if (origin.local() && !sizeGuard.fits(stats, doc, update.length)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "document is full: the room's limit is " + settings.maxDocumentBytes() + " bytes"));
    }
    lastAppend = null;
    try {
      apply(update, origin);
    } catch (YjsDecodingException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Void> durable = lastAppend;
    lastAppend = null;
    return durable == null ? CompletableFuture.completedFuture(null) : durable;
  }

  /**
   * Runs {@code change} on the document in one transaction on behalf of {@code origin} (e.g. a JSON
   * edit); completes once the resulting update is durable. On the room's executor, once open.
   */
  public CompletableFuture<Void> change(Consumer<YDoc> change, UpdateOrigin origin) {
    requireOpen();
    lastAppend = null;
    updateOrigin = origin;
    try {
      doc.transact(() -> change.accept(doc));
    } finally {
      updateOrigin = null;
    }
    CompletableFuture<Void> durable = lastAppend;
    lastAppend = null;
    return durable == null ? CompletableFuture.completedFuture(null) : durable;
  }

  /** The document's state vector; on the room's executor, once open. */
  public byte[] encodeStateVector() {
    requireOpen();
    return doc.encodeStateVector();
  }

  /** What a peer with {@code stateVector} lacks, as one update; on the executor, once open. */
  public byte[] encodeDiff(byte[] stateVector) throws YjsDecodingException {
    requireOpen();
    return doc.encodeStateAsUpdate(stateVector);
  }

  /**
   * Applies presence that came from elsewhere (a replica's clients): forwarded to this room's
   * connections and kept for newcomers under {@code origin}, until {@link #forgetPeer} drops them.
   */
  public void applyExternalAwareness(byte[] update, UpdateOrigin origin)
      throws MalformedMessageException {
    requireOpen();
    RemotePeer peer = remotePeers.computeIfAbsent(origin, RemotePeer::new);
    try {
      awareness.apply(peer, AwarenessUpdate.decode(update));
    } catch (AwarenessStates.TooManyClientsException e) {
      throw new IllegalStateException("remote peers have no client limit", e);
    }
    broadcast(MessageEncoder.awareness(update), null);
    listeners.notify(this, "awareness", l -> l.awarenessChanged(this, update, origin));
  }

  /** Drops the presence kept for {@code origin} (its node died) and tells the connections. */
  public void forgetPeer(UpdateOrigin origin) {
    RemotePeer peer = remotePeers.remove(origin);
    if (peer != null) {
      announceRemovals(awareness.removeAllOf(peer), origin);
    }
  }

  /** Every presence state this room knows, as one awareness update (for a peer that joins). */
  public byte[] encodeAwareness() {
    return AwarenessUpdate.encode(awareness.all());
  }

  private void requireOpen() {
    if (doc == null || state == State.LOADING || state == State.CLOSED) {
      throw new IllegalStateException("room " + id + " is " + state);
    }
  }

  private void apply(byte[] update, UpdateOrigin origin) throws YjsDecodingException {
    updateOrigin = origin;
    echoToSender = doc.hasPendingUpdates();
    fanoutNanosDuringApply = 0;
    long start = System.nanoTime();
    try {
      doc.applyUpdate(update);
    } finally {
      updateOrigin = null;
      echoToSender = false;
      metrics.updateApplied(System.nanoTime() - start - fanoutNanosDuringApply);
    }
  }

  /** Completes on the executor once the room is open; fails when it cannot load. */
  void whenOpen(CompletableFuture<Room> waiter) {
    switch (state) {
      case LOADING -> openWaiters.add(waiter);
      case OPEN, UNLOADING -> {
        if (state == State.UNLOADING) {
          state = State.OPEN; // revived, as by a joining connection: idle again, unload later
          if (members.isEmpty()) {
            startGracePeriod();
          }
        }
        waiter.complete(this);
      }
      case CLOSED -> waiter.completeExceptionally(new IllegalStateException("room is closed"));
    }
  }

  private void failOpenWaiters(Throwable failure) {
    List<CompletableFuture<Room>> failed = new ArrayList<>(openWaiters);
    openWaiters.clear();
    failed.forEach(waiter -> waiter.completeExceptionally(failure));
  }

  private void announceRemovals(List<AwarenessEntry> removals, UpdateOrigin origin) {
    if (!removals.isEmpty()) {
      byte[] update = AwarenessUpdate.encode(removals);
      broadcast(MessageEncoder.awareness(update), null);
      listeners.notify(this, "awareness", l -> l.awarenessChanged(this, update, origin));
    }
  }

  /** The whole document for a checkpoint; its size corrects the running estimate. */
  private byte[] snapshot() {
    byte[] bytes = doc.encodeStateAsUpdate();
    stats.documentBytes(bytes.length);
    return bytes;
  }

  /** Every change of the document, whoever made it: forward it and schedule a checkpoint. */
  private void onDocumentUpdate(byte[] update) {
    stats.addDocumentBytes(update.length);
    UpdateOrigin origin = updateOrigin != null ? updateOrigin : new UpdateOrigin.Server("room");
    if (origin.local()) {
      // Handed to the log first, written and synced by its own thread: the broadcast does not wait.
      lastAppend = storage.updateLog().append(id, update);
    }
    Connection sender =
        !echoToSender && origin instanceof UpdateOrigin.Client client ? client.connection() : null;
    broadcast(MessageEncoder.update(update), sender);
    listeners.notify(this, "documentChanged", l -> l.documentChanged(this, update, origin));
    checkpointer.markChanged();
  }

  private void applyAwareness(Connection from, byte[] update)
      throws MalformedMessageException, AwarenessStates.TooManyClientsException {
    awareness.apply(from, AwarenessUpdate.decode(update));
    // Forwarded as received. The reference server echoes it to its sender too; we do so only when
    // the sender has heard nothing for a while, which is all the echo is for (see QuietMembers).
    boolean echo = quietMembers.isQuiet(from, quietMembers.now());
    broadcast(MessageEncoder.awareness(update), echo ? null : from);
    listeners.notify(
        this, "awareness", l -> l.awarenessChanged(this, update, new UpdateOrigin.Client(from)));
  }

  private byte[] awarenessOfAll() {
    return MessageEncoder.awareness(AwarenessUpdate.encode(awareness.all()));
  }

  private void reject(Connection connection, int closeCode, String reason) {
    log.warn(
        "closing connection: room={} remote={} code={} reason={}",
        id,
        connection.remoteAddress(),
        closeCode,
        reason);
    if (closeCode != CloseCodes.INTERNAL_ERROR) {
      metrics.rejected(
          closeCode == CloseCodes.POLICY_VIOLATION
              ? RejectReason.TOO_MANY_AWARENESS_CLIENTS
              : RejectReason.MALFORMED_MESSAGE);
    }
    connection.close(closeCode, reason);
    leave(connection);
  }

  private void send(Connection connection, byte[] encoded) {
    try (OutboundMessage message = OutboundMessage.of(encoded)) {
      connection.send(message);
    }
    quietMembers.sent(connection, quietMembers.now());
  }

  /** Encodes once, then hands the same bytes to every member except {@code except}. */
  private void broadcast(byte[] encoded, Connection except) {
    Collection<Connection> receivers = members;
    if (receivers.isEmpty() || receivers.size() == 1 && receivers.contains(except)) {
      return;
    }
    long start = System.nanoTime();
    long nowMillis = quietMembers.now();
    try (OutboundMessage message = OutboundMessage.of(encoded)) {
      for (Connection receiver : receivers) {
        if (receiver != except) {
          receiver.send(message);
          quietMembers.sent(receiver, nowMillis);
        }
      }
    }
    long elapsed = System.nanoTime() - start;
    fanoutNanosDuringApply += elapsed;
    metrics.fannedOut(elapsed);
  }

  private void startGracePeriod() {
    cancelGracePeriod();
    graceTimer = executor.schedule(this::onGraceExpired, settings.grace());
  }

  private void cancelGracePeriod() {
    if (graceTimer != null) {
      graceTimer.cancel();
      graceTimer = null;
    }
  }

  /** Unloads now if nobody is in the room: the room limit needs its place. */
  void unloadIfIdle() {
    if (members.isEmpty() && waiting.isEmpty() && state == State.OPEN) {
      cancelGracePeriod();
      unload();
    }
  }

  private void onGraceExpired() {
    graceTimer = null;
    if (members.isEmpty() && state == State.OPEN) {
      unload();
    }
  }

  private void unload() {
    state = State.UNLOADING;
    checkpointer
        .checkpoint()
        .whenComplete((ignored, failure) -> executor.execute(() -> afterFinalCheckpoint(failure)));
  }

  private void afterFinalCheckpoint(Throwable failure) {
    if (state != State.UNLOADING) {
      return; // a connection joined meanwhile: the room stays
    }
    if (shuttingDown) {
      finishClose(true);
    } else if (failure != null || !members.isEmpty() || checkpointer.isDirty()) {
      // Never drop a document that is not stored: stay loaded and try again after a grace period.
      state = State.OPEN;
      if (members.isEmpty()) {
        startGracePeriod();
      }
    } else {
      finishClose(true);
    }
  }

  /**
   * Admin delete, on the room's executor: closes every connection and drops the room without a
   * final checkpoint, then deletes its snapshot, logged updates and catalog record.
   */
  CompletableFuture<Void> delete() {
    if (state == State.LOADING) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("room " + id + " is still loading; try again"));
    }
    List<Connection> everyone = new ArrayList<>(waiting);
    everyone.addAll(members);
    waiting.clear();
    members.clear();
    stats.connections(0);
    for (Connection connection : everyone) {
      connection.close(CloseCodes.GOING_AWAY, "room deleted");
    }
    long logMark = storage.updateLog().mark(id);
    finishClose(false);
    log.info("room={} deleted ({} connection(s) closed)", id, everyone.size());
    return storage.delete(id, logMark);
  }

  /** The document as JSON with inferred types ({@link YDoc#toJson()}), made on the executor. */
  public CompletableFuture<String> documentJson() {
    CompletableFuture<String> json = new CompletableFuture<>();
    executor.execute(
        () -> {
          try {
            json.complete(doc == null ? null : doc.toJson());
          } catch (RuntimeException e) {
            json.completeExceptionally(e);
          }
        });
    return json;
  }

  private void finishClose(boolean wasLoaded) {
    state = State.CLOSED;
    cancelGracePeriod();
    if (checkpointer != null) {
      checkpointer.stop();
    }
    if (updateSubscription != null) {
      try {
        updateSubscription.close();
      } catch (Exception e) {
        log.debug("room={} update listener close failed", id, e);
      }
    }
    onClosed.accept(this);
    listeners.notify(this, "closed", l -> l.closed(this));
    if (!wasLoaded) {
      closed.complete(null);
      return;
    }
    storage.closed(id).whenComplete((ignored, failure) -> closed.complete(null));
    log.debug("room={} unloaded", id);
  }
}
