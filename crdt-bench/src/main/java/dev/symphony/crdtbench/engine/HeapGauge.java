package dev.symphony.crdtbench.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Retained JVM heap: used heap after full collections, repeated until it stops shrinking. */
public final class HeapGauge implements MemoryGauge {

  private static final long SETTLED_BYTES = 64 * 1024;
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  @Override
  public long sample() {
    return usedHeapAfterGc();
  }

  @Override
  public String describe() {
    return "JVM heap retained after GC";
  }

  /**
   * One {@code System.gc()} may leave garbage behind (reference processing, concurrent phases), so
   * collect until two readings agree.
   */
  public static long usedHeapAfterGc() {
    long previous = Long.MAX_VALUE;
    long used = 0;
    for (int attempt = 0; attempt < 8; attempt++) {
      System.gc();
      used = MEMORY.getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) < SETTLED_BYTES) {
        break;
      }
      previous = used;
    }
    return used;
  }
}
