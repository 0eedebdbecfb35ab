package dev.symphony.load.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CPU list for {@code taskset -c} (e.g. {@code 0}, {@code 1-3}), or none: then commands run
 * unpinned. Pinning keeps server and load generator from competing for the same core, so the
 * server's CPU figure is its own. With a {@link CpuShare}, the processes also get only that
 * fraction of a core.
 */
public record Cpus(String list, CpuShare share) {

  public static final Cpus ANY = new Cpus(null);

  public Cpus(String list) {
    this(list, null);
  }

  /** These cores, limited to {@code value} of one core. */
  public Cpus limitedTo(CpuShare value) {
    return new Cpus(list, value);
  }

  private static final List<Path> TASKSET =
      List.of(Path.of("/usr/bin/taskset"), Path.of("/bin/taskset"));

  /** The cores in the list ({@code 0-2,5} is 0, 1, 2, 5); empty when unpinned. */
  public java.util.Set<Integer> ids() {
    java.util.Set<Integer> ids = new java.util.TreeSet<>();
    if (list == null) {
      return ids;
    }
    for (String part : list.split(",")) {
      String[] range = part.trim().split("-");
      int from = Integer.parseInt(range[0].trim());
      int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
      for (int i = from; i <= to; i++) {
        ids.add(i);
      }
    }
    return ids;
  }

  public boolean pinned() {
    return list != null;
  }

  /**
   * {@code taskset -c LIST command...} when pinned, else the command unchanged; started inside the
   * share's cgroup when there is one.
   */
  public List<String> pin(List<String> command) {
    List<String> out = new ArrayList<>();
    if (pinned()) {
      out.add(taskset().toString());
      out.add("-c");
      out.add(list);
    }
    out.addAll(command);
    return share == null ? out : share.wrap(out);
  }

  private static Path taskset() {
    return TASKSET.stream().filter(Files::isExecutable).findFirst().orElseThrow();
  }

  public static boolean tasksetAvailable() {
    return TASKSET.stream().anyMatch(Files::isExecutable);
  }

  /**
   * The default split: the server gets the first {@code serverCores} cores, the load generator the
   * rest. Without taskset, or with a single core, nothing is pinned.
   */
  public static Cpus[] split(
      int cores, int serverCores, String serverOverride, String loadOverride) {
    if (!tasksetAvailable() || cores < 2) {
      return new Cpus[] {ANY, ANY};
    }
    int server = Math.max(1, Math.min(serverCores, cores - 1));
    Cpus s = blank(serverOverride) ? new Cpus(range(0, server - 1)) : parse(serverOverride);
    Cpus l = blank(loadOverride) ? new Cpus(range(server, cores - 1)) : parse(loadOverride);
    return new Cpus[] {s, l};
  }

  private static Cpus parse(String text) {
    return text.equalsIgnoreCase("none") ? ANY : new Cpus(text.trim());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String range(int from, int to) {
    return from == to ? Integer.toString(from) : from + "-" + to;
  }

  @Override
  public String toString() {
    String where = pinned() ? "cpus " + list : "unpinned";
    return share == null ? where : where + ", " + share;
  }
}
