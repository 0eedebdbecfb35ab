package dev.symphony.crdtbench.engine;

import java.util.List;
import java.util.Map;

/**
 * One replica, mirroring crdt-benchmarks' {@code AbstractCrdt}. Every mutating call outside {@link
 * #transact} is its own transaction and emits one update.
 *
 * <p>Values read back ({@link #getArray()}, {@link #getMap()}) are normalised: integers as {@link
 * Long}, other numbers as {@link Double}, objects as {@link Map}, so results compare across
 * engines.
 */
public interface CrdtDoc extends AutoCloseable {

  void insertText(int index, String text);

  void deleteText(int index, int length);

  String getText();

  void insertArray(int index, List<?> values);

  List<Object> getArray();

  void setMap(String key, Object value);

  Map<String, Object> getMap();

  /** Runs {@code changes} as one transaction (nested calls join the outer one). */
  void transact(Runnable changes);

  /**
   * Applies an update received from another replica. Some engines (Yjs) report it to their update
   * listener again; the suite's templates ignore updates emitted while applying, as crdt-benchmarks
   * does with its mutex.
   */
  void applyUpdate(byte[] update);

  /**
   * Applies several remote updates in one transaction (crdt-benchmarks' {@code transact(f, isUpdate
   * = true)}); engines whose transactions cannot hold remote changes override this.
   */
  default void applyUpdates(List<byte[]> updates) {
    transact(() -> updates.forEach(this::applyUpdate));
  }

  /** The whole document state, in the engine's own format. */
  byte[] encodeState();

  /** Frees native or WebAssembly memory; a no-op for pure-JVM engines. */
  @Override
  default void close() {}
}
