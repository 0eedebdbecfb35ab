package dev.symphony.server.room;

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
  private final Set<Connection> waiting = new LinkedHashSet<>();
  private final Set<Connection> members = new LinkedHashSet<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private State state = State.LOADING;
  private YDoc doc;
  private AutoCloseable updateSubscription;
  private Checkpointer checkpointer;
  private Connection updateOrigin;
  private RoomExecutor.Cancellable graceTimer;
  private boolean shuttingDown;

  Room(
      String id,
      RoomExecutor executor,
      RoomSettings settings,
      RoomStorage storage,
      Consumer<Room> onClosed) {
    this.id = id;
    this.executor = executor;
    this.settings = settings;
    this.storage = storage;
    this.onClosed = onClosed;
    this.awareness = new AwarenessStates(settings.maxAwarenessClientsPerConnection());
  }

  public String id() {
    return id;
  }

  public State state() {
    return state;
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
    List<AwarenessEntry> removals = awareness.removeAllOf(connection);
    if (!removals.isEmpty()) {
      broadcast(MessageEncoder.awareness(AwarenessUpdate.encode(removals)), null);
    }
    if (members.isEmpty() && state == State.OPEN) {
      startGracePeriod();
    }
  }

  void receive(Connection from, YMessage message) {
    if (!members.contains(from)) {
      return; // closed by the room already, or never joined: its late messages are dropped
    }
    try {
      switch (message) {
        case YMessage.SyncStep1 step1 ->
            send(from, MessageEncoder.syncStep2(doc.encodeStateAsUpdate(step1.stateVector())));
        case YMessage.SyncStep2 step2 -> applyUpdate(from, step2.update());
        case YMessage.SyncUpdate update -> applyUpdate(from, update.update());
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
    for (Connection connection : everyone) {
      connection.close(CloseCodes.GOING_AWAY, "server is shutting down");
    }
    if (state == State.OPEN) {
      unload();
    }
    return closed;
  }

  private void onLoaded(YDoc loaded, Throwable failure) {
    if (failure != null) {
      log.error("room={} could not be loaded; refusing its connections", id, failure);
      for (Connection connection : waiting) {
        connection.close(CloseCodes.INTERNAL_ERROR, "room could not be loaded");
      }
      waiting.clear();
      finishClose(false);
      return;
    }
    doc = loaded;
    updateSubscription = doc.onUpdate(this::onDocumentUpdate);
    checkpointer =
        new Checkpointer(
            id, executor, storage, settings.checkpointInterval(), doc::encodeStateAsUpdate);
    state = State.OPEN;
    if (shuttingDown) {
      unload();
      return;
    }
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
    // As the reference y-websocket server: our state vector first, so the client answers with
    // what we lack; then everyone's presence.
    send(connection, MessageEncoder.syncStep1(doc.encodeStateVector()));
    if (!awareness.isEmpty()) {
      send(connection, awarenessOfAll());
    }
    connection.joined();
  }

  private void applyUpdate(Connection from, byte[] update) throws YjsDecodingException {
    updateOrigin = from;
    try {
      doc.applyUpdate(update);
    } finally {
      updateOrigin = null;
    }
  }

  /** Every change of the document, whoever made it: forward it and schedule a checkpoint. */
  private void onDocumentUpdate(byte[] update) {
    broadcast(MessageEncoder.update(update), updateOrigin);
    checkpointer.markChanged();
  }

  private void applyAwareness(Connection from, byte[] update)
      throws MalformedMessageException, AwarenessStates.TooManyClientsException {
    awareness.apply(from, AwarenessUpdate.decode(update));
    // Forwarded as received, to the sender too: the y-websocket client treats 30 s without any
    // message as a dead connection, and its own awareness renewals (every 15 s) are what a lone
    // client hears back, as from the reference server.
    broadcast(MessageEncoder.awareness(update), null);
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
    connection.close(closeCode, reason);
    leave(connection);
  }

  private void send(Connection connection, byte[] encoded) {
    try (OutboundMessage message = OutboundMessage.of(encoded)) {
      connection.send(message);
    }
  }

  /** Encodes once, then hands the same bytes to every member except {@code except}. */
  private void broadcast(byte[] encoded, Connection except) {
    Collection<Connection> receivers = members;
    if (receivers.isEmpty() || receivers.size() == 1 && receivers.contains(except)) {
      return;
    }
    try (OutboundMessage message = OutboundMessage.of(encoded)) {
      for (Connection receiver : receivers) {
        if (receiver != except) {
          receiver.send(message);
        }
      }
    }
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
    if (!wasLoaded) {
      closed.complete(null);
      return;
    }
    storage.closed(id).whenComplete((ignored, failure) -> closed.complete(null));
    log.debug("room={} unloaded", id);
  }
}
