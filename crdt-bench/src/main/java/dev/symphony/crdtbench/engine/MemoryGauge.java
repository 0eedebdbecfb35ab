package dev.symphony.crdtbench.engine;

/**
 * Measures the memory an engine holds at a quiet moment. The harness samples before and after
 * loading a document and reports the difference.
 */
public interface MemoryGauge {

  /** Bytes currently held, measured after a full garbage collection. */
  long sample();

  /** What {@link #sample()} counts, for the results table, e.g. "JVM heap after GC". */
  String describe();

  /**
   * Whether the harness may load and free the same document once before measuring, so one-time
   * costs (code paths touched for the first time) are not counted. Not where freed memory stays
   * reserved and would be reused by the measured load (WebAssembly memory never shrinks).
   */
  default boolean allowsWarmUpLoad() {
    return true;
  }
}
