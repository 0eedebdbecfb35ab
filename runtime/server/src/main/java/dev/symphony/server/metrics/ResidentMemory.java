package dev.symphony.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code process_resident_memory_bytes}: the resident set size from {@code /proc/self/status}
 * (VmRSS), what the operating system really gives the process (heap, metaspace, direct buffers,
 * thread stacks). NaN where there is no /proc (not Linux).
 */
public final class ResidentMemory implements MeterBinder {

  private static final Path STATUS = Path.of("/proc/self/status");

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("process.resident.memory.bytes", ResidentMemory::bytes)
        .description("resident set size of the process")
        .register(registry);
  }

  /** The resident set size in bytes, or NaN when it cannot be read. */
  public static double bytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024.0; // the kernel reports kB
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or a format we do not know: no value rather than a wrong one
    }
    return Double.NaN;
  }
}
