package dev.symphony.client.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from Linux's /proc: what {@code top} shows,
 * sampled at the start and end of a measurement window.
 */
record ProcessStats(long cpuTicks, long rssKiB, long sampledAtNanos) {

  /** USER_HZ: /proc reports CPU time in these ticks; 100 on every common Linux. */
  static final long TICKS_PER_SECOND = 100;

  static ProcessStats of(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // Fields after the command name (which may contain spaces) start after the last ')'.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(fields[11]);
    long stime = Long.parseLong(fields[12]);
    long rss = 0;
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return new ProcessStats(utime + stime, rss, System.nanoTime());
  }

  /** CPU used between {@code earlier} and this sample, in percent of one core. */
  double cpuPercentSince(ProcessStats earlier) {
    double seconds = (sampledAtNanos - earlier.sampledAtNanos) / 1e9;
    double cpuSeconds = (cpuTicks - earlier.cpuTicks) / (double) TICKS_PER_SECOND;
    return 100 * cpuSeconds / seconds;
  }
}
