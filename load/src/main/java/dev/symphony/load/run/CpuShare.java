package dev.symphony.load.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fraction of a core for the servers, enforced by the kernel: a cgroup whose CPU quota is {@code
 * share} of every period (10 ms, so a throttled server waits at most that long). Used where the
 * load generator cannot drive a whole server core (a small machine): every server then gets the
 * same slice, and their capacities keep their ratio while the generator needs proportionally less.
 *
 * <p>Works with cgroup v1's {@code cpu} controller ({@code cpu.cfs_quota_us}) and cgroup v2 ({@code
 * cpu.max}); needs write access to it (root, or a delegated subtree).
 */
public final class CpuShare implements AutoCloseable {

  static final long PERIOD_MICROS = 10_000;

  /** The kernel refuses quotas below 1 ms. */
  static final long MIN_QUOTA_MICROS = 1_000;

  private final double share;
  private final Path group;
  private final boolean v1;

  private CpuShare(double share, Path group, boolean v1) {
    this.share = share;
    this.group = group;
    this.v1 = v1;
  }

  /** A new cgroup under the machine's cpu controller, limited to {@code share} of a core. */
  public static CpuShare create(double share) {
    return create(
        share, Path.of("/sys/fs/cgroup"), "symphony-load-" + ProcessHandle.current().pid());
  }

  static CpuShare create(double share, Path cgroupRoot, String name) {
    quotaMicros(share); // refuse a bad share before creating anything
    Path v1 = cgroupRoot.resolve("cpu");
    Path controllers = cgroupRoot.resolve("cgroup.controllers");
    try {
      CpuShare created;
      if (Files.exists(v1.resolve("cpu.cfs_quota_us"))) {
        created = new CpuShare(share, Files.createDirectories(v1.resolve(name)), true);
        Files.writeString(created.group.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
      } else if (Files.exists(controllers) && Files.readString(controllers).contains("cpu")) {
        created = new CpuShare(share, Files.createDirectories(cgroupRoot.resolve(name)), false);
      } else {
        throw new IllegalStateException(
            "load.serverCpuShare: no cgroup cpu controller under "
                + cgroupRoot
                + " (neither cgroup v1's cpu/cpu.cfs_quota_us nor cgroup v2's cpu.max)");
      }
      created.enforce();
      return created;
    } catch (IOException e) {
      throw new IllegalStateException(
          "load.serverCpuShare needs write access to the cgroup cpu controller under "
              + cgroupRoot
              + " (run as root, or leave load.serverCpuShare unset): "
              + e.getMessage(),
          e);
    }
  }

  static long quotaMicros(double share) {
    if (!(share > 0) || share > 1) {
      throw new IllegalArgumentException(
          "load.serverCpuShare must be a fraction of one core in (0, 1], not " + share);
    }
    long quota = Math.round(share * PERIOD_MICROS);
    if (quota < MIN_QUOTA_MICROS) {
      throw new IllegalArgumentException(
          "load.serverCpuShare "
              + share
              + " is below the kernel's smallest quota ("
              + MIN_QUOTA_MICROS
              + " µs of every "
              + PERIOD_MICROS
              + " µs period): use at least "
              + (double) MIN_QUOTA_MICROS / PERIOD_MICROS);
    }
    return quota;
  }

  public double share() {
    return share;
  }

  /** From now on the group's processes get {@link #share()} of a core (the state after create). */
  public void enforce() {
    setQuota(Long.toString(quotaMicros(share)));
  }

  /** From now on the group's processes run without a quota (e.g. while they warm up). */
  public void lift() {
    setQuota(v1 ? "-1" : "max");
  }

  private void setQuota(String quota) {
    try {
      if (v1) {
        Files.writeString(group.resolve("cpu.cfs_quota_us"), quota);
      } else {
        Files.writeString(group.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not set the CPU quota of cgroup " + group, e);
    }
  }

  Path group() {
    return group;
  }

  /**
   * {@code command} started inside the cgroup: a shell joins it and then becomes the command, so
   * the process and all it starts (room-per-pod's rooms, Node's workers) are limited from the
   * start.
   */
  List<String> wrap(List<String> command) {
    List<String> out = new ArrayList<>();
    out.add("/bin/sh");
    out.add("-c");
    out.add("echo $$ > \"$0\" && exec \"$@\"");
    out.add(group.resolve("cgroup.procs").toString());
    out.addAll(command);
    return out;
  }

  /** Removes the cgroup; its processes must have exited. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(group);
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove cgroup " + group, e);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.0f%% of a core", share * 100);
  }
}
