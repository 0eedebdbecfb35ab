package dev.symphony.crdtbench.engine;

import java.util.function.Consumer;

/**
 * A CRDT implementation under test: creates documents that each hold one text, one array and one
 * map (the shape the crdt-benchmarks suite expects).
 */
public interface CrdtEngine extends AutoCloseable {

  /** Short id used on the command line and in results.json, e.g. {@code symphony}. */
  String id();

  /** Column title in the results table. */
  String displayName();

  /**
   * A new, empty document.
   *
   * @param updateListener receives every update the document emits for local changes, or {@code
   *     null} when nobody listens (engines then skip encoding updates, as Yjs does without
   *     listeners)
   */
  CrdtDoc create(Consumer<byte[]> updateListener);

  /** A document restored from {@link CrdtDoc#encodeState()} output. */
  CrdtDoc load(byte[] encodedState);

  /** How this engine's retained memory is measured (JVM heap, native memory, ...). */
  MemoryGauge memoryGauge();

  /** Releases engine-wide resources (a WebAssembly instance, ...). */
  @Override
  default void close() {}
}
