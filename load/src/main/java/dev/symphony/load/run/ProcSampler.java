package dev.symphony.load.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples CPU and resident memory of groups of processes (the servers; the load generators) once a
 * second from /proc. A group is a set of root pids and all their descendants, so a launcher script
 * or a proxy with per-room children is measured as a whole. CPU is in percent of one core (200% =
 * two cores busy).
 */
public final class ProcSampler implements AutoCloseable {

  /**
   * One group at one moment; {@code kernelCpuPercent} is the part of the CPU spent in the kernel.
   */
  public record Sample(
      double atSeconds, double cpuPercent, double kernelCpuPercent, long rssKib, int processes) {}

  /**
   * A group's series and its summary; sample times count from {@code startEpochMillis}. The mean
   * CPU covers the steady window (all users connected, still sending) when one is set, so that
   * start-up and drain do not dilute it.
   */
  public record Series(
      String group,
      long startEpochMillis,
      List<Sample> samples,
      double steadyFromSeconds,
      double steadyToSeconds) {

    public Series(String group, long startEpochMillis, List<Sample> samples) {
      this(group, startEpochMillis, samples, 0, Double.MAX_VALUE);
    }

    /** This series with its steady window given in epoch milliseconds. */
    public Series steadyBetween(long fromEpochMillis, long toEpochMillis) {
      return new Series(
          group,
          startEpochMillis,
          samples,
          (fromEpochMillis - startEpochMillis) / 1000.0,
          (toEpochMillis - startEpochMillis) / 1000.0);
    }

    public double meanCpu() {
      return steadySamples().stream().mapToDouble(Sample::cpuPercent).average().orElse(0);
    }

    /** The part of {@link #meanCpu()} spent in the kernel. */
    public double meanKernelCpu() {
      return steadySamples().stream().mapToDouble(Sample::kernelCpuPercent).average().orElse(0);
    }

    private List<Sample> steadySamples() {
      List<Sample> steady =
          samples.stream()
              .filter(x -> x.atSeconds() > steadyFromSeconds && x.atSeconds() <= steadyToSeconds)
              .toList();
      return steady.isEmpty() ? samples : steady;
    }

    public double maxCpu() {
      return samples.stream().mapToDouble(Sample::cpuPercent).max().orElse(0);
    }

    public long maxRssKib() {
      return samples.stream().mapToLong(Sample::rssKib).max().orElse(0);
    }

    public long lastRssKib() {
      return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).rssKib();
    }
  }

  private final Path proc;
  private final long ticksPerSecond;
  private final Map<String, Set<Long>> roots = new LinkedHashMap<>();
  private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
  private final Map<Long, ProcStat> lastStats = new HashMap<>();
  private final Map<String, Set<Integer>> coreGroups = new LinkedHashMap<>();
  private final Map<Integer, long[]> lastCores = new HashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "proc-sampler");
            t.setDaemon(true);
            return t;
          });
  private long startNanos;
  private long lastNanos;
  private boolean hasBaseline;

  private final java.util.function.LongSupplier nanoTime;
  private long startEpochMillis;

  public ProcSampler(Path proc, long ticksPerSecond) {
    this(proc, ticksPerSecond, System::nanoTime);
  }

  ProcSampler(Path proc, long ticksPerSecond, java.util.function.LongSupplier nanoTime) {
    this.proc = proc;
    this.ticksPerSecond = ticksPerSecond;
    this.nanoTime = nanoTime;
  }

  /** The machine's /proc and clock tick rate ({@code getconf CLK_TCK}, 100 on Linux). */
  public static ProcSampler forThisMachine() {
    return new ProcSampler(Path.of("/proc"), clockTicks());
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor(5, TimeUnit.SECONDS);
      return Long.parseLong(out);
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }

  /** Adds root processes to a group (call before or while sampling). */
  public synchronized void watch(String group, long... pids) {
    Set<Long> set = roots.computeIfAbsent(group, g -> new HashSet<>());
    for (long pid : pids) {
      set.add(pid);
    }
    samples.computeIfAbsent(group, g -> new ArrayList<>());
  }

  /**
   * Also samples how busy these cores were with anything at all ({@code /proc/stat}): next to our
   * own processes' CPU this shows how much other work on the machine took from the run.
   */
  public synchronized void watchCores(String group, Set<Integer> cpus) {
    if (!cpus.isEmpty()) {
      coreGroups.put(group, cpus);
      samples.computeIfAbsent(group, g -> new ArrayList<>());
    }
  }

  public void start() {
    startNanos = nanoTime.getAsLong();
    startEpochMillis = System.currentTimeMillis();
    sampleNow();
    timer.scheduleAtFixedRate(this::sampleNow, 1, 1, TimeUnit.SECONDS);
  }

  /** Takes one sample of every group (the timer calls this each second). */
  public synchronized void sampleNow() {
    long now = nanoTime.getAsLong();
    double elapsed = hasBaseline ? (now - lastNanos) / 1e9 : 0;
    Map<Long, ProcStat> all = readAll();
    Map<Long, List<Long>> children = new HashMap<>();
    all.values()
        .forEach(s -> children.computeIfAbsent(s.parentPid(), p -> new ArrayList<>()).add(s.pid()));
    for (Map.Entry<String, Set<Long>> group : roots.entrySet()) {
      long ticks = 0;
      long kernelTicks = 0;
      long rss = 0;
      int count = 0;
      for (long pid : descendants(group.getValue(), children, all)) {
        ProcStat s = all.get(pid);
        ProcStat before = lastStats.put(pid, s);
        if (before != null) {
          ticks += Math.max(0, s.cpuTicks() - before.cpuTicks());
          kernelTicks += Math.max(0, s.kernelTicks() - before.kernelTicks());
        }
        rss += s.rssKib();
        count++;
      }
      if (elapsed > 0) {
        double toPercent = 100.0 / ticksPerSecond / elapsed;
        samples
            .get(group.getKey())
            .add(
                new Sample(
                    (now - startNanos) / 1e9,
                    ticks * toPercent,
                    kernelTicks * toPercent,
                    rss,
                    count));
      }
    }
    sampleCores(now);
    lastNanos = now;
    hasBaseline = true;
  }

  private void sampleCores(long now) {
    if (coreGroups.isEmpty()) {
      return;
    }
    Map<Integer, long[]> cores = readCores();
    for (Map.Entry<String, Set<Integer>> group : coreGroups.entrySet()) {
      long busy = 0;
      long kernel = 0;
      long total = 0;
      for (int cpu : group.getValue()) {
        long[] nowTicks = cores.get(cpu);
        long[] before = lastCores.get(cpu);
        if (nowTicks != null && before != null) {
          busy += nowTicks[0] - before[0];
          kernel += nowTicks[1] - before[1];
          total += nowTicks[2] - before[2];
        }
      }
      if (hasBaseline && total > 0) {
        double toPercentOfOneCore = 100.0 / ((double) total / group.getValue().size());
        samples
            .get(group.getKey())
            .add(
                new Sample(
                    (now - startNanos) / 1e9,
                    busy * toPercentOfOneCore,
                    kernel * toPercentOfOneCore,
                    0,
                    0));
      }
    }
    lastCores.clear();
    lastCores.putAll(cores);
  }

  /**
   * {@code cpuN} lines of /proc/stat: {busy, kernel, total} ticks, busy being all but idle and
   * iowait, kernel being system, irq and softirq.
   */
  private Map<Integer, long[]> readCores() {
    Map<Integer, long[]> out = new HashMap<>();
    try {
      for (String line : Files.readAllLines(proc.resolve("stat"))) {
        if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
          String[] f = line.trim().split("\\s+");
          long total = 0;
          for (int i = 1; i < f.length && i <= 8; i++) {
            total += Long.parseLong(f[i]);
          }
          long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
          long kernel = Long.parseLong(f[3]);
          for (int i = 6; i < f.length && i <= 7; i++) {
            kernel += Long.parseLong(f[i]);
          }
          out.put(Integer.parseInt(f[0].substring(3)), new long[] {total - idle, kernel, total});
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc/stat: no core figures
    }
    return out;
  }

  private static List<Long> descendants(
      Set<Long> rootPids, Map<Long, List<Long>> children, Map<Long, ProcStat> all) {
    List<Long> out = new ArrayList<>();
    ArrayList<Long> todo = new ArrayList<>(rootPids);
    Set<Long> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      long pid = todo.remove(todo.size() - 1);
      if (!seen.add(pid) || !all.containsKey(pid)) {
        continue;
      }
      out.add(pid);
      todo.addAll(children.getOrDefault(pid, List.of()));
    }
    return out;
  }

  private Map<Long, ProcStat> readAll() {
    Map<Long, ProcStat> all = new HashMap<>();
    try (Stream<Path> entries = Files.list(proc)) {
      entries
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .forEach(pid -> ProcStat.read(proc, pid).ifPresent(s -> all.put(pid, s)));
    } catch (IOException e) {
      // no /proc: nothing to sample
    }
    return all;
  }

  public synchronized Optional<Series> series(String group) {
    List<Sample> list = samples.get(group);
    return list == null
        ? Optional.empty()
        : Optional.of(new Series(group, startEpochMillis, List.copyOf(list)));
  }

  public synchronized List<Series> allSeries() {
    List<Series> out = new ArrayList<>();
    samples.forEach((g, list) -> out.add(new Series(g, startEpochMillis, List.copyOf(list))));
    return out;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
