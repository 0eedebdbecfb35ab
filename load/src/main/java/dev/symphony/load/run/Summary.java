package dev.symphony.load.run;

import static dev.symphony.load.run.Slo.fmt;

import dev.symphony.load.measure.Counter;
import dev.symphony.load.measure.LatencySummary;
import dev.symphony.load.measure.Measurements.TimelinePoint;
import dev.symphony.load.measure.RunResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** The markdown report: one run, a capacity search, or the comparison of several servers. */
public final class Summary {

  private Summary() {}

  /** The header every report starts with: what ran, where, with which settings. */
  public static String header(String title, RunSettings s, Path reportDir) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append("- Date: ").append(java.time.ZonedDateTime.now().withNano(0)).append('\n');
    md.append("- Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores visible to the orchestrator; servers on ")
        .append(s.serverCpus())
        .append(", load generator on ")
        .append(s.loadCpus())
        .append('\n');
    md.append("- Load per user: ")
        .append(fmt(s.base().profile().updatesPerSecond()))
        .append(" document update(s)/s, ")
        .append(fmt(s.base().profile().presencePerSecond()))
        .append(" presence update(s)/s; ")
        .append(s.base().profile().usersPerRoom())
        .append(" users per room\n");
    md.append("- Ramp: ")
        .append(s.rampDescription())
        .append("; settle (sending, not judged): ")
        .append(dev.symphony.load.Durations.format(s.base().settle()))
        .append("; steady state: ")
        .append(dev.symphony.load.Durations.format(s.base().duration()))
        .append("; drain: ")
        .append(dev.symphony.load.Durations.format(s.base().drain()))
        .append(
            s.warmup().isZero()
                ? ""
                : "; each measured run follows a "
                    + dev.symphony.load.Durations.format(s.warmup())
                    + " warm-up at the same load on the same server (unmeasured)")
        .append('\n');
    if (s.serverCpus().share() != null) {
      md.append("- Servers limited to ")
          .append(s.serverCpus().share())
          .append(
              " by a cgroup CPU quota (`load.serverCpuShare`): capacities below are for that"
                  + " slice, and compare between servers as ratios; CPU figures are in % of one"
                  + " whole core\n");
    }
    md.append("- SLO: update")
        .append(s.slo().presence() ? " and presence" : "")
        .append(" fan-out p99 < ")
        .append(fmt(s.slo().p99Ms()))
        .append(" ms, at most ")
        .append(s.slo().maxLost())
        .append(" lost, connection errors < ")
        .append(fmt(s.slo().maxErrorRate() * 100))
        .append("%\n\n");
    return md.toString();
  }

  /** The full section of one run. */
  public static String step(StepOutcome o, RunSettings s, Path reportDir) {
    RunResults r = o.results();
    StringBuilder md = new StringBuilder();
    md.append("## ")
        .append(o.topology())
        .append(", ")
        .append(o.users())
        .append(" users")
        .append(
            o.rateScale() == 1
                ? ""
                : String.format(Locale.ROOT, " at %.1f%% of the rates", o.rateScale() * 100))
        .append(": ")
        .append(o.passed() ? "SLO held" : "SLO missed")
        .append("\n\n");
    md.append("| check | limit | measured | |\n|---|---|---|---|\n");
    for (Slo.Check c : o.verdict().checks()) {
      md.append("| ")
          .append(c.name())
          .append(" | ")
          .append(c.limit())
          .append(" | ")
          .append(c.actual())
          .append(" | ")
          .append(c.passed() ? "ok" : "**FAILED**")
          .append(" |\n");
    }
    md.append("\n### Fan-out latency (send → receive at every other user of the room, ms)\n\n");
    md.append(
        "Steady state: deliveries received after the ramp (all users connected) and the settle"
            + " period; the SLO judges these. The whole run includes both, when servers and the"
            + " generator's JIT warm up.\n\n");
    md.append(
        "| | deliveries | p50 | p95 | p99 | p99.9 | max | mean |\n|---|---|---|---|---|---|---|---|\n");
    latencyRow(md, "document updates, steady state", r.updates());
    latencyRow(md, "presence, steady state", r.presence());
    latencyRow(md, "document updates, whole run", r.updatesWholeRun());
    latencyRow(md, "presence, whole run", r.presenceWholeRun());
    latencyRow(md, "connect + initial sync (ours)", r.sync());
    md.append(
        "\n### Delivery\n\n| | sent | expected at receivers | received | lost | duplicates |\n");
    md.append("|---|---|---|---|---|---|\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| document updates | %d | %d | %d | %d | %d |%n",
            r.counter(Counter.UPDATES_SENT),
            r.counter(Counter.UPDATES_EXPECTED),
            r.counter(Counter.UPDATES_RECEIVED),
            r.counter(Counter.UPDATES_LOST),
            r.counter(Counter.UPDATE_DUPLICATES)));
    md.append(
        String.format(
            Locale.ROOT,
            "| presence states | %d | %d | %d (one by one) | %d | |%n",
            r.counter(Counter.PRESENCE_SENT),
            r.counter(Counter.PRESENCE_EXPECTED),
            r.counter(Counter.PRESENCE_RECEIVED),
            r.counter(Counter.PRESENCE_LOST)));
    double achieved =
        o.achievedUpdateRate(
            s.rampFor(o.users()).toMillis() / 1000.0,
            s.base().settle().plus(s.base().duration()).toMillis() / 1000.0);
    md.append(
        String.format(
            Locale.ROOT,
            "%nUsers: %d started, %d synced, %d failed to connect or sync, %d dropped later;"
                + " %d own messages echoed back by the server; %d undecodable frames."
                + " Updates sent: %.0f%% of the schedule%s.%n",
            r.counter(Counter.USERS_STARTED),
            r.counter(Counter.USERS_SYNCED),
            r.counter(Counter.USERS_FAILED),
            r.counter(Counter.USERS_DROPPED),
            r.counter(Counter.ECHOES),
            r.counter(Counter.DECODE_ERRORS),
            achieved * 100,
            achieved < 0.95
                ? " (**the load generator fell behind**: the server saw less load)"
                : ""));
    if (!o.gatling().isEmpty()) {
      md.append("\n### Gatling's statistics (ms)\n\n");
      md.append(
          "| request | count | KO | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|---|\n");
      for (GatlingReport.Row row : o.gatling().values()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %d | %s | %s | %s | %s |%n",
                row.name(),
                row.total(),
                row.ko(),
                fmt(row.p50()),
                fmt(row.p95()),
                fmt(row.p99()),
                fmt(row.max())));
      }
      md.append(
          "\n`connect` is the WebSocket handshake; `initial sync` runs from sending sync step 1 to"
              + " receiving step 2; sends (`update`, `presence`) are fire-and-forget (0 ms).\n");
    }
    md.append("\n### Processes (CPU in % of one core, sampled every second from /proc)\n\n");
    md.append(
        "| | mean CPU (steady state) | of which in the kernel | max CPU | max RSS | RSS at end |\n"
            + "|---|---|---|---|---|---|\n");
    o.server().ifPresent(x -> processRow(md, "server (" + o.serverCpus() + ")", x));
    o.loadGenerator().ifPresent(x -> processRow(md, "load generator (" + o.loadCpus() + ")", x));
    o.serverCores().ifPresent(x -> coreRow(md, "everything on the server's " + o.serverCpus(), x));
    o.loadCores().ifPresent(x -> coreRow(md, "everything on the generator's " + o.loadCpus(), x));
    if (o.serverCores().isPresent() || o.loadCores().isPresent()) {
      md.append(
          "\nThe last rows count every process on those cores: what exceeds our own process's"
              + " share was taken by other work on the machine during the run.\n");
    }
    LatencySummary lag = r.lag();
    md.append(
        String.format(
            Locale.ROOT,
            "%nLoad generator stalls in the steady state (a 20 ms timer's lateness): p99 %.1f ms,"
                + " max %.1f ms%s.%n",
            lag.p99(),
            lag.max(),
            lag.p99() > s.slo().p99Ms() / 4
                ? " (**the generator was starved: measured latencies include its stalls**)"
                : ""));
    timeline(md, r, o.server().orElse(null));
    md.append("\nFiles: ");
    for (Path p : o.gatlingReports()) {
      md.append("[Gatling report](")
          .append(reportDir.relativize(p.resolve("index.html")))
          .append("), ");
    }
    md.append("[results JSON](")
        .append(reportDir.relativize(o.dir().resolve("results.json")))
        .append("), [/proc samples](")
        .append(reportDir.relativize(o.dir().resolve("processes.csv")))
        .append("), logs in `")
        .append(reportDir.relativize(o.dir()))
        .append("/`.\n\n");
    return md.toString();
  }

  private static void latencyRow(StringBuilder md, String name, LatencySummary l) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
            name,
            l.count(),
            l.p50(),
            l.p95(),
            l.p99(),
            l.p999(),
            l.max(),
            l.mean()));
  }

  private static void processRow(StringBuilder md, String name, ProcSampler.Series s) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %.0f%% | %.0f%% | %.0f%% | %s | %s |%n",
            name,
            s.meanCpu(),
            s.meanKernelCpu(),
            s.maxCpu(),
            mib(s.maxRssKib()),
            mib(s.lastRssKib())));
  }

  private static void coreRow(StringBuilder md, String name, ProcSampler.Series s) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %.0f%% | %.0f%% | %.0f%% | | |%n",
            name,
            s.meanCpu(),
            s.meanKernelCpu(),
            s.maxCpu()));
  }

  static String mib(long kib) {
    return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
  }

  private static void timeline(StringBuilder md, RunResults r, ProcSampler.Series server) {
    List<TimelinePoint> points = r.timeline();
    // the sampler starts before the load generator: shift its clock onto the generator's
    double shift = server == null ? 0 : (r.startedAtMillis() - server.startEpochMillis()) / 1000.0;
    if (points.isEmpty()) {
      return;
    }
    md.append("\n### Timeline (5-second intervals)\n\n");
    md.append(
            "| t (s) | connected users | updates delivered | update p99 (ms) | presence delivered |")
        .append(
            " presence p99 (ms) | server CPU | server RSS |\n|---|---|---|---|---|---|---|---|\n");
    int step = Math.max(1, points.size() / 40); // long runs: at most ~40 rows
    for (int i = 0; i < points.size(); i += step) {
      TimelinePoint p = points.get(i);
      String cpu = "";
      String rss = "";
      if (server != null) {
        var near =
            server.samples().stream()
                .filter(x -> x.atSeconds() > shift + p.atSeconds() - 5)
                .filter(x -> x.atSeconds() <= shift + p.atSeconds())
                .toList();
        if (!near.isEmpty()) {
          cpu =
              String.format(
                  Locale.ROOT,
                  "%.0f%%",
                  near.stream().mapToDouble(ProcSampler.Sample::cpuPercent).average().orElse(0));
          rss = mib(near.get(near.size() - 1).rssKib());
        }
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| %.0f | %d | %d | %.1f | %d | %.1f | %s | %s |%n",
              p.atSeconds(),
              p.connectedUsers(),
              p.updates(),
              p.updateP99Ms(),
              p.presence(),
              p.presenceP99Ms(),
              cpu,
              rss));
    }
  }

  /** A capacity search: one row per step, and the largest step that held. */
  public static String capacity(String topology, List<StepOutcome> steps) {
    StringBuilder md = new StringBuilder();
    md.append("## Capacity of ").append(topology).append("\n\n");
    md.append(
        "| users | SLO | update p99 (ms) | presence p99 (ms) | lost updates | lost presence |"
            + " failed/dropped users | server mean CPU (kernel part) | server max RSS |"
            + " generator mean CPU |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (StepOutcome o : steps) {
      RunResults r = o.results();
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %.1f | %.1f | %d | %d | %d | %s | %s | %s |%n",
              o.users(),
              o.passed() ? "held" : "missed: " + failedNames(o),
              r.updates().p99(),
              r.presence().p99(),
              r.counter(Counter.UPDATES_LOST),
              r.counter(Counter.PRESENCE_LOST),
              Slo.errors(r),
              o.server().map(Summary::cpuWithKernel).orElse("-"),
              o.server().map(x -> mib(x.maxRssKib())).orElse("-"),
              o.loadGenerator()
                  .map(x -> String.format(Locale.ROOT, "%.0f%%", x.meanCpu()))
                  .orElse("-")));
    }
    md.append("\nLargest step that held: **")
        .append(CapacitySearch.largestHeld(steps).map(Object::toString).orElse("none"))
        .append("** users.\n\n");
    return md.toString();
  }

  /** A rate search: one row per rate scale, and the highest scale that held. */
  public static String rates(String topology, List<StepOutcome> steps) {
    StringBuilder md = new StringBuilder();
    md.append("## Rates search on ").append(topology).append("\n\n");
    md.append(
        "| rates (of configured) | updates/s per user | presence/s per user | SLO | update p99 (ms) |"
            + " presence p99 (ms) | lost | failed/dropped users | server mean CPU |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    List<StepOutcome> sorted =
        steps.stream()
            .sorted(java.util.Comparator.comparingDouble(StepOutcome::rateScale))
            .toList();
    StepOutcome best = null;
    boolean broken = false;
    for (StepOutcome o : sorted) {
      RunResults r = o.results();
      md.append(
          String.format(
              Locale.ROOT,
              "| %.1f%% | %.3f | %.3f | %s | %.1f | %.1f | %d | %d | %s |%n",
              o.rateScale() * 100,
              r.setup().updatesPerSecond(),
              r.setup().presencePerSecond(),
              o.passed() ? "held" : "missed: " + failedNames(o),
              r.updates().p99(),
              r.presence().p99(),
              r.counter(Counter.UPDATES_LOST) + r.counter(Counter.PRESENCE_LOST),
              Slo.errors(r),
              o.server().map(x -> String.format(Locale.ROOT, "%.0f%%", x.meanCpu())).orElse("-")));
      if (!o.passed()) {
        broken = true;
      } else if (!broken) {
        best = o;
      }
    }
    md.append("\nHighest rates that held: **")
        .append(
            best == null
                ? "none"
                : String.format(
                    Locale.ROOT,
                    "%.3f updates/s and %.3f presence/s per user (%.1f%% of the configured rates)",
                    best.results().setup().updatesPerSecond(),
                    best.results().setup().presencePerSecond(),
                    best.rateScale() * 100))
        .append("**.\n\n");
    return md.toString();
  }

  private static String failedNames(StepOutcome o) {
    return String.join(", ", o.verdict().failures().stream().map(Slo.Check::name).toList());
  }

  /** The comparison table: each server's capacity, and the ratio to the first (the baseline). */
  public static String comparison(Map<String, List<StepOutcome>> byTopology) {
    StringBuilder md =
        new StringBuilder("## Comparison (same harness, same SLO, one core each)\n\n");
    md.append("| server | largest step that held (users) | × baseline | update p99 there (ms) |")
        .append(" server mean CPU there (kernel part) | server max RSS there |\n")
        .append("|---|---|---|---|---|---|\n");
    Integer baseline = null;
    for (Map.Entry<String, List<StepOutcome>> e : byTopology.entrySet()) {
      var held = CapacitySearch.largestHeldStep(e.getValue());
      int users = held.map(StepOutcome::users).orElse(0);
      if (baseline == null) {
        baseline = users;
      }
      md.append("| ")
          .append(e.getKey())
          .append(" | ")
          .append(held.isPresent() ? users : "none")
          .append(" | ")
          .append(
              baseline > 0 && held.isPresent()
                  ? String.format(Locale.ROOT, "%.1f", (double) users / baseline)
                  : "-")
          .append(" | ")
          .append(
              held.map(o -> String.format(Locale.ROOT, "%.1f", o.results().updates().p99()))
                  .orElse("-"))
          .append(" | ")
          .append(held.flatMap(StepOutcome::server).map(Summary::cpuWithKernel).orElse("-"))
          .append(" | ")
          .append(held.flatMap(StepOutcome::server).map(x -> mib(x.maxRssKib())).orElse("-"))
          .append(" |\n");
    }
    md.append(
        "\nA capacity is the largest user count whose run met the SLO; steps double from the start"
            + " value and are then refined by bisection, so each figure is accurate to the last"
            + " bisection interval shown in the server's own table.\n\n");
    costAtTheSameLoad(md, byTopology);
    return md.toString();
  }

  /**
   * Each server's CPU at the largest step every server held: what the same load costs, which the
   * load generator cannot cap the way it caps capacities.
   */
  private static void costAtTheSameLoad(
      StringBuilder md, Map<String, List<StepOutcome>> byTopology) {
    OptionalInt common = CapacitySearch.largestHeldByAll(byTopology.values());
    if (common.isEmpty()) {
      return;
    }
    int users = common.getAsInt();
    md.append("### Cost of the same load: ")
        .append(users)
        .append(" users, the largest step every server held\n\n")
        .append("| server | server mean CPU | of which in the kernel | CPU per 1,000 users |")
        .append(" baseline's CPU ÷ this |\n|---|---|---|---|---|\n");
    Double baseline = null;
    for (Map.Entry<String, List<StepOutcome>> e : byTopology.entrySet()) {
      var cpu =
          e.getValue().stream()
              .filter(o -> o.users() == users && o.passed())
              .findFirst()
              .flatMap(StepOutcome::server);
      if (cpu.isEmpty()) {
        continue;
      }
      double mean = cpu.get().meanCpu();
      if (baseline == null) {
        baseline = mean;
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f%% | %.0f%% | %.1f%% | %s |%n",
              e.getKey(),
              mean,
              cpu.get().meanKernelCpu(),
              mean * 1000 / users,
              mean > 0 ? String.format(Locale.ROOT, "%.1f", baseline / mean) : "-"));
    }
    md.append(
        "\nCPU is in percent of one core, over the run's steady window. The kernel part is mostly"
            + " socket reads and writes, which every server makes for the same messages.\n\n");
  }

  private static String cpuWithKernel(ProcSampler.Series s) {
    return String.format(Locale.ROOT, "%.0f%% (%.0f%%)", s.meanCpu(), s.meanKernelCpu());
  }
}
