package dev.symphony.crdtbench.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For engines that keep their documents outside the JVM heap (JNI): JVM heap after GC plus the
 * process's resident set size. The RSS difference is only meaningful when the heap itself cannot
 * change the RSS, so the harness runs memory probes with {@code -Xms == -Xmx} and {@code
 * -XX:+AlwaysPreTouch} (the whole heap is resident from the start), and free native memory is
 * returned to the OS first ({@link MallocTrim}).
 */
public final class NativeMemoryGauge implements MemoryGauge {

  private static final Path STATUS = Path.of("/proc/self/status");

  private static final long SETTLED_BYTES = 64 * 1024;
  private static final int MAX_READINGS = 6;

  /** Reads until two readings agree: the first ones still move (GC and JIT bookkeeping). */
  @Override
  public long sample() {
    long previous = read();
    long current = previous;
    for (int reading = 1; reading < MAX_READINGS; reading++) {
      current = read();
      if (Math.abs(current - previous) < SETTLED_BYTES) {
        break;
      }
      previous = current;
    }
    return current;
  }

  private static long read() {
    long heap = HeapGauge.usedHeapAfterGc();
    MallocTrim.trim();
    return heap + residentSetBytes();
  }

  @Override
  public String describe() {
    return "JVM heap after GC + process RSS growth (native memory"
        + (MallocTrim.available()
            ? ", after malloc_trim)"
            : ", freed memory kept by malloc included)");
  }

  /** VmRSS from /proc (Linux); 0 elsewhere, so only the heap part is counted. */
  static long residentSetBytes() {
    if (!Files.isReadable(STATUS)) {
      return 0;
    }
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String kib = line.substring("VmRSS:".length()).replace("kB", "").trim();
          return Long.parseLong(kib) * 1024;
        }
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
