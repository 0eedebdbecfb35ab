package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Yjs document: named top-level shared types plus the history needed to merge with other
 * replicas. Not thread-safe: use one document from one thread at a time (a room's executor, for
 * example).
 */
public final class YDoc {
  final StructStore store = new StructStore();
  long clientId;
  final boolean gc;
  private final Map<String, AbstractType> share = new LinkedHashMap<>();
  private final List<Consumer<byte[]>> updateListeners = new CopyOnWriteArrayList<>();

  private Transaction transaction;
  private final List<Transaction> cleanupQueue = new ArrayList<>();
  private long markerClock;

  /** A document with a random client id and garbage collection on, as {@code new Y.Doc()}. */
  public YDoc() {
    this(newClientId(), true);
  }

  public YDoc(long clientId) {
    this(clientId, true);
  }

  /**
   * @param gc whether deleted content is garbage-collected (Yjs's {@code gc} option); keeping it
   *     costs memory but lets old states be restored
   */
  public YDoc(long clientId, boolean gc) {
    if (clientId < 0 || clientId > dev.symphony.yjs.codec.Lib0Reader.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("client id must be between 0 and 2^53-1: " + clientId);
    }
    this.clientId = clientId;
    this.gc = gc;
  }

  static long newClientId() {
    return ThreadLocalRandom.current().nextLong(1L << 32);
  }

  public long clientId() {
    return clientId;
  }

  long nextMarkerTimestamp() {
    return markerClock++;
  }

  // ---- top-level types ----------------------------------------------------------------------

  public YText getText(String name) {
    return get(name, YText.class, YText::new);
  }

  public YMap getMap(String name) {
    return get(name, YMap.class, YMap::new);
  }

  public YArray getArray(String name) {
    return get(name, YArray.class, YArray::new);
  }

  public YXmlFragment getXmlFragment(String name) {
    return get(name, YXmlFragment.class, YXmlFragment::new);
  }

  /** Names of the top-level types this document has (received or asked for). */
  public Set<String> rootNames() {
    return Collections.unmodifiableSet(share.keySet());
  }

  /**
   * The whole document as JSON: each top-level type by name. Types never asked for by kind are
   * inferred: keys make an object, text content a string, other content an array.
   */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    share.forEach((name, type) -> json.put(name, type.toJsonValue()));
    return dev.symphony.yjs.codec.Json.stringify(json);
  }

  private <T extends AbstractType> T get(String name, Class<T> kind, Supplier<T> factory) {
    AbstractType existing = share.get(name);
    if (existing == null) {
      T created = newRoot(name, factory);
      share.put(name, created);
      return created;
    }
    if (existing.getClass() == kind) {
      return kind.cast(existing);
    }
    if (existing instanceof UnknownType) {
      T typed = newRoot(name, factory);
      typed.adopt(existing);
      share.put(name, typed);
      return typed;
    }
    throw new IllegalStateException(
        "top-level type '"
            + name
            + "' is a "
            + existing.getClass().getSimpleName()
            + ", not a "
            + kind.getSimpleName());
  }

  private <T extends AbstractType> T newRoot(String name, Supplier<T> factory) {
    T type = factory.get();
    type.rootName = name;
    type.integrate(this, null);
    return type;
  }

  AbstractType existingRoot(String name) {
    return share.get(name);
  }

  /** The top-level type named in an update, created without a kind when nobody asked for it yet. */
  AbstractType rootType(String name) {
    AbstractType type = share.get(name);
    if (type == null) {
      type = newRoot(name, UnknownType::new);
      share.put(name, type);
    }
    return type;
  }

  // ---- transactions -------------------------------------------------------------------------

  /** Runs {@code body} as one transaction: its changes produce one update event. */
  public void transact(Runnable body) {
    transact(null, body);
  }

  /** Like {@link #transact(Runnable)}, with an origin that observers see on their events. */
  public void transact(Object origin, Runnable body) {
    transactInternal(origin, true, t -> body.run());
  }

  Transaction currentTransaction() {
    if (transaction == null) {
      throw new IllegalStateException("no transaction is running");
    }
    return transaction;
  }

  void transactInternal(Object origin, boolean local, Consumer<Transaction> body) {
    if (transaction != null) {
      body.accept(transaction);
      return;
    }
    Transaction t = new Transaction(this, origin, local);
    transaction = t;
    cleanupQueue.add(t);
    try {
      body.accept(t);
    } finally {
      transaction = null;
      if (cleanupQueue.get(0) == t) {
        TransactionCleanup.run(this, cleanupQueue);
      }
    }
  }

  // ---- updates ------------------------------------------------------------------------------

  /**
   * Calls {@code listener} with the update (format v1) of every transaction that changed the
   * document, local or remote. Close the returned handle to stop.
   */
  public AutoCloseable onUpdate(Consumer<byte[]> listener) {
    updateListeners.add(listener);
    return () -> updateListeners.remove(listener);
  }

  boolean hasUpdateListeners() {
    return !updateListeners.isEmpty();
  }

  void emitUpdate(byte[] update) {
    for (Consumer<byte[]> listener : updateListeners) {
      listener.accept(update);
    }
  }

  /**
   * Applies an update (format v1) from another replica. Content whose dependencies are missing
   * waits until they arrive; applying an update twice changes nothing.
   *
   * @throws YjsDecodingException when the update is malformed; the document is then unchanged
   */
  public void applyUpdate(byte[] update) throws YjsDecodingException {
    applyUpdate(update, null);
  }

  public void applyUpdate(byte[] update, Object origin) throws YjsDecodingException {
    DecodedUpdate decoded = DecodedUpdate.read(update);
    UpdateValidator.validate(decoded, this);
    transactInternal(origin, false, t -> UpdateIntegrator.apply(t, decoded));
  }

  /**
   * Whether content waits for missing dependencies. Applying any update may then integrate it too,
   * so that update's event carries more than the update did.
   */
  public boolean hasPendingUpdates() {
    return store.pendingStructs != null || store.pendingDeleteSet != null;
  }

  public byte[] encodeStateVector() {
    Lib0Writer out = new Lib0Writer();
    StateVectors.write(out, store.stateVector());
    return out.toByteArray();
  }

  /** The whole document as one update. */
  public byte[] encodeStateAsUpdate() {
    return UpdateWriter.encodeStateAsUpdate(this, Map.of());
  }

  /** What a replica with the given state vector lacks, as one update. */
  public byte[] encodeStateAsUpdate(byte[] stateVector) throws YjsDecodingException {
    return UpdateWriter.encodeStateAsUpdate(this, StateVectors.read(stateVector));
  }
}
