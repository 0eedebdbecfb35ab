package dev.symphony.load.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One process's counters from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}: parent pid,
 * CPU time in clock ticks (user + system, and the system part alone: time in the kernel, mostly
 * socket calls for a server) and resident memory in KiB.
 */
public record ProcStat(long pid, long parentPid, long cpuTicks, long kernelTicks, long rssKib) {

  /**
   * Parses a {@code stat} line. The command name (field 2) is in parentheses and may itself hold
   * spaces and parentheses, so fields are counted from the last ')'.
   */
  public static ProcStat parse(String statLine, String statusText) {
    int close = statLine.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc stat line: " + statLine);
    }
    long pid = Long.parseLong(statLine.substring(0, statLine.indexOf(' ')).trim());
    String[] rest = statLine.substring(close + 2).trim().split("\\s+");
    // rest[0] is field 3 (state): field n is rest[n - 3]
    long ppid = Long.parseLong(rest[4 - 3]);
    long utime = Long.parseLong(rest[14 - 3]);
    long stime = Long.parseLong(rest[15 - 3]);
    return new ProcStat(pid, ppid, utime + stime, stime, rssKib(statusText));
  }

  /** {@code VmRSS: 123456 kB} from a status file; 0 for kernel threads and zombies. */
  static long rssKib(String statusText) {
    for (String line : statusText.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
      }
    }
    return 0;
  }

  /** Reads a live process; empty when it is gone (or /proc is not there). */
  public static Optional<ProcStat> read(Path proc, long pid) {
    try {
      Path dir = proc.resolve(Long.toString(pid));
      return Optional.of(
          parse(Files.readString(dir.resolve("stat")), Files.readString(dir.resolve("status"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
