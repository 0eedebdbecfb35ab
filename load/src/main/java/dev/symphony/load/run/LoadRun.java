package dev.symphony.load.run;

import dev.symphony.load.Durations;
import dev.symphony.load.measure.Counter;
import dev.symphony.load.measure.RunResults;
import dev.symphony.load.simulation.SimulationSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code ./mvnw verify -Pload}: starts the chosen topology as separate processes, runs the
 * simulation in Gatling JVMs pinned away from the servers, samples the servers from /proc, stops
 * everything, writes {@code load/target/load-report/summary.md} and exits non-zero when the SLO was
 * missed (mode {@code run}) or no step held (modes {@code capacity} and {@code compare}).
 */
public final class LoadRun {

  private static final String SERVER_CORES = "server cores, all processes";
  private static final String LOAD_CORES = "generator cores, all processes";

  private final RunSettings settings;
  private final Path reportDir;

  LoadRun(RunSettings settings) {
    this.settings = settings;
    this.reportDir = settings.reportDir();
  }

  public static void main(String[] args) throws Exception {
    RunSettings settings = RunSettings.fromSystemProperties();
    if (Boolean.parseBoolean(settings.setting("load.skip", "false"))) {
      System.out.println("load: skipped (-Dload.skip=true)");
      return;
    }
    int status;
    try {
      status = new LoadRun(settings).execute();
    } finally {
      if (settings.serverCpus().share() != null) {
        settings.serverCpus().share().close();
      }
    }
    System.exit(status);
  }

  int execute() throws Exception {
    Files.createDirectories(reportDir);
    clearEarlierRuns();
    Path summary = reportDir.resolve("summary.md");
    return switch (settings.mode()) {
      case RUN -> runOnce(summary);
      case CAPACITY -> capacity(summary);
      case COMPARE -> compare(summary);
      case RATES -> rates(summary);
    };
  }

  private int runOnce(Path summary) throws Exception {
    int users = settings.base().profile().users();
    String title = "Load test: " + settings.topology().id() + ", " + users + " users";
    StepOutcome o;
    try {
      o = step(settings.topology(), users, 1);
    } catch (IOException e) {
      write(
          summary,
          Summary.header(title, settings, reportDir)
              + "## Could not run\n\n"
              + e.getMessage()
              + "\n");
      log("could not run: " + e.getMessage());
      return 2;
    }
    write(
        summary, Summary.header(title, settings, reportDir) + Summary.step(o, settings, reportDir));
    log(verdictLine(o));
    log("report: " + summary);
    return o.passed() || !settings.failOnSlo() ? 0 : 1;
  }

  private int capacity(Path summary) throws Exception {
    Topology t = settings.topology();
    List<StepOutcome> steps = search(t);
    StringBuilder md =
        new StringBuilder(Summary.header("Capacity: " + t.id(), settings, reportDir));
    md.append(Summary.capacity(t.id(), steps));
    details(md, steps);
    write(summary, md.toString());
    log("report: " + summary);
    return CapacitySearch.largestHeld(steps).isPresent() || !settings.failOnSlo() ? 0 : 1;
  }

  /**
   * The 20,000-user experiment on a small machine: users fixed, both per-user rates scaled from
   * {@code load.rates.start} (a fraction of the configured rates) up to the full rates, doubling,
   * then bisecting; reports the highest scale at which the SLO held.
   */
  private int rates(Path summary) throws Exception {
    Topology t = settings.topology();
    int users = settings.base().profile().users();
    if (!canStart(t, summary)) {
      return 2;
    }
    int startPermille =
        (int) Math.round(1000 * Double.parseDouble(settings.setting("load.rates.start", "0.0625")));
    List<StepOutcome> steps =
        CapacitySearch.search(
            Math.max(1, startPermille),
            settings.capacityFactor(),
            1000,
            settings.refineSteps(),
            1,
            permille -> stepWithRetries(t, users, permille / 1000.0));
    StringBuilder md =
        new StringBuilder(
            Summary.header(
                "Highest rates at which " + users + " users held the SLO: " + t.id(),
                settings,
                reportDir));
    md.append(Summary.rates(t.id(), steps));
    details(md, steps);
    write(summary, md.toString());
    log("report: " + summary);
    return CapacitySearch.largestHeld(steps).isPresent() || !settings.failOnSlo() ? 0 : 1;
  }

  /** Starts and stops the topology once, so that a broken setup fails fast with its log. */
  private boolean canStart(Topology t, Path summary) throws Exception {
    Path dir = reportDir.resolve(t.id() + "-probe");
    Files.createDirectories(dir);
    try (Deployment d = t.deploy(new Context(dir))) {
      return true;
    } catch (IOException e) {
      write(
          summary,
          Summary.header(t.id(), settings, reportDir)
              + "## Could not run\n\n"
              + e.getMessage()
              + "\n");
      log("could not run: " + e.getMessage());
      return false;
    } finally {
      deleteRecursively(dir);
    }
  }

  private int compare(Path summary) throws Exception {
    Map<String, List<StepOutcome>> all = new LinkedHashMap<>();
    Map<String, String> notStarted = new LinkedHashMap<>();
    for (Topology t : settings.compared()) {
      try {
        all.put(t.id(), search(t));
      } catch (IOException e) {
        notStarted.put(t.id(), e.getMessage());
        log(t.id() + " could not run: " + e.getMessage());
      }
      // rewrite the report after each server: a long comparison shows progress as it goes
      write(summary, comparisonReport(all, notStarted));
    }
    log("report: " + summary);
    boolean anyHeld =
        all.values().stream().anyMatch(s -> CapacitySearch.largestHeld(s).isPresent());
    return anyHeld || !settings.failOnSlo() ? 0 : 1;
  }

  private String comparisonReport(
      Map<String, List<StepOutcome>> all, Map<String, String> notStarted) {
    StringBuilder md =
        new StringBuilder(
            Summary.header("Comparison: capacity at the same SLO", settings, reportDir));
    md.append(Summary.comparison(all));
    notStarted.forEach(
        (t, why) ->
            md.append("- ")
                .append(t)
                .append(": could not run: ")
                .append(why.replace("\n", " "))
                .append('\n'));
    md.append('\n');
    all.forEach((t, steps) -> md.append(Summary.capacity(t, steps)));
    all.values().forEach(steps -> details(md, steps));
    return md.toString();
  }

  private void details(StringBuilder md, List<StepOutcome> steps) {
    md.append("<details><summary>Every step in full</summary>\n\n");
    steps.stream()
        .sorted(Comparator.comparingInt(StepOutcome::users))
        .forEach(o -> md.append(Summary.step(o, settings, reportDir)));
    md.append("</details>\n\n");
  }

  private List<StepOutcome> search(Topology t) throws Exception {
    return CapacitySearch.search(
        settings.capacityStart(),
        settings.capacityFactor(),
        settings.capacityMax(),
        settings.refineSteps(),
        settings.base().profile().usersPerRoom(),
        users -> stepWithRetries(t, users, 1));
  }

  /**
   * A step that missed the SLO while the load generator itself was starved (by other work on the
   * machine) measured the machine, not the server: it runs again, up to {@code load.retries} times.
   */
  private StepOutcome stepWithRetries(Topology t, int users, double rateScale) throws Exception {
    int retries = Integer.parseInt(settings.setting("load.retries", "1"));
    StepOutcome o = step(t, users, rateScale);
    log(verdictLine(o));
    for (int i = 0; i < retries && !o.passed() && starved(o); i++) {
      log("the load generator was starved during that step; running it again");
      Thread.sleep(5_000);
      o = step(t, users, rateScale);
      log(verdictLine(o));
    }
    return o;
  }

  private boolean starved(StepOutcome o) {
    return o.results().lag().p99() > settings.slo().p99Ms() / 4;
  }

  private static String verdictLine(StepOutcome o) {
    RunResults r = o.results();
    return String.format(
        Locale.ROOT,
        "%s, %d users%s: %s (update p99 %.1f ms, presence p99 %.1f ms, lost %d/%d,"
            + " failed+dropped %d, generator stalls p99 %.0f ms)",
        o.topology(),
        o.users(),
        o.rateScale() == 1
            ? ""
            : String.format(Locale.ROOT, " at %.1f%% rates", o.rateScale() * 100),
        o.passed() ? "SLO held" : "SLO missed",
        r.updates().p99(),
        r.presence().p99(),
        r.counter(Counter.UPDATES_LOST),
        r.counter(Counter.PRESENCE_LOST),
        Slo.errors(r),
        r.lag().p99());
  }

  /** One run: deploy, sample, load, stop, judge. */
  StepOutcome step(Topology topology, int users, double rateScale) throws Exception {
    String label =
        topology.id()
            + "-"
            + users
            + (rateScale == 1 ? "" : String.format(Locale.ROOT, "-rates%.0f%%", rateScale * 100));
    Path dir = reportDir.resolve(label);
    deleteRecursively(dir);
    Files.createDirectories(dir);
    log("starting " + topology.id() + " for " + users + " users (" + settings.serverCpus() + ")");
    Context ctx = new Context(dir);
    try (Deployment deployment = topology.deploy(ctx);
        ProcSampler sampler = ProcSampler.forThisMachine()) {
      SimulationSettings sim =
          settings
              .base()
              .forRun(
                  users,
                  rateScale,
                  deployment.targets(),
                  deployment.spread(),
                  deployment.protocol(),
                  settings.rampFor(users),
                  "load-"
                      + topology.id()
                      + "-"
                      + users
                      + "-"
                      + Long.toString(System.currentTimeMillis(), 36),
                  dir.resolve("results.json"));
      List<SimulationSettings> parts =
          GatlingJvms.split(sim, settings.minJvms(), settings.maxUsersPerJvm());
      warmUp(sim, dir);
      sampler.watch("server", deployment.serverPids());
      sampler.watch("load generator");
      sampler.watchCores(SERVER_CORES, settings.serverCpus().ids());
      sampler.watchCores(LOAD_CORES, settings.loadCpus().ids());
      sampler.start();
      log(
          "running "
              + users
              + " users in "
              + parts.size()
              + " Gatling JVM(s) against "
              + deployment.targets());
      List<GatlingJvms.Part> ran =
          GatlingJvms.run(
              parts,
              settings.loadCpus(),
              dir,
              settings.gatlingJvmOptions(),
              topology.id() + " " + users + " users",
              pids -> sampler.watch("load generator", pids));
      sampler.sampleNow();
      List<String> dead = deployment.deadProcesses();
      writeProcessCsv(dir.resolve("processes.csv"), sampler.allSeries());
      RunResults results;
      try {
        results = GatlingJvms.results(ran);
        if (ran.size() > 1) {
          results.write(dir.resolve("results.json"));
        }
      } catch (IOException e) {
        log(e.getMessage());
        results = RunResults.nothing(sim, users);
        dead = new ArrayList<>(dead);
        dead.add("load generator (" + e.getMessage() + ")");
      }
      Map<String, GatlingReport.Row> gatling = gatlingRows(ran);
      long steadyFrom = results.startedAtMillis() + sim.ramp().toMillis() + sim.settle().toMillis();
      long steadyTo = steadyFrom + sim.duration().toMillis();
      java.util.function.Function<String, Optional<ProcSampler.Series>> series =
          group -> sampler.series(group).map(x -> x.steadyBetween(steadyFrom, steadyTo));
      return new StepOutcome(
          topology.id(),
          users,
          rateScale,
          results,
          settings.slo().evaluate(results, dead),
          series.apply("server"),
          series.apply("load generator"),
          series.apply(SERVER_CORES),
          series.apply(LOAD_CORES),
          gatling,
          ran.stream()
              .map(GatlingJvms.Part::reportDir)
              .filter(p -> Files.exists(p.resolve("index.html")))
              .toList(),
          dir,
          settings.serverCpus(),
          settings.loadCpus());
    }
  }

  /**
   * With {@code load.warmup}, the same load for that long first, in rooms of its own, unmeasured:
   * JIT compilers (the JVM's, V8's) then do their work before the measured run instead of during
   * it. A server on a slice of a core warms up with the whole core (held to the slice, a JIT
   * compiler would still be at work minutes later) and gets its slice back for the measured run.
   */
  private void warmUp(SimulationSettings sim, Path dir) throws IOException, InterruptedException {
    Duration length = settings.warmup();
    if (length.isZero()) {
      return;
    }
    Path warmDir = Files.createDirectories(dir.resolve("warmup"));
    SimulationSettings warm = sim.warmUp(length, warmDir.resolve("results.json"));
    CpuShare share = settings.serverCpus().share();
    log(
        "warming up for "
            + Durations.format(length)
            + (share == null ? "" : " without the CPU quota")
            + " (not measured)");
    List<GatlingJvms.Part> ran;
    if (share != null) {
      share.lift();
    }
    try {
      ran =
          GatlingJvms.run(
              GatlingJvms.split(warm, settings.minJvms(), settings.maxUsersPerJvm()),
              settings.loadCpus(),
              warmDir,
              settings.gatlingJvmOptions(),
              "warm-up",
              pids -> {});
    } finally {
      if (share != null) {
        share.enforce();
      }
    }
    for (GatlingJvms.Part part : ran) {
      if (part.exitCode() != 0) {
        log(
            "warm-up JVM "
                + part.index()
                + " exited with "
                + part.exitCode()
                + "; see "
                + part.log());
      }
    }
  }

  /**
   * Gatling's statistics. With several JVMs there is no merged report (Gatling reads one log per
   * report), so counts are summed and each percentile is the highest among the JVMs.
   */
  private static Map<String, GatlingReport.Row> gatlingRows(List<GatlingJvms.Part> ran)
      throws IOException {
    Map<String, GatlingReport.Row> merged = new LinkedHashMap<>();
    for (GatlingJvms.Part p : ran) {
      for (GatlingReport.Row r : GatlingReport.read(p.reportDir()).values()) {
        merged.merge(
            r.name(),
            r,
            (a, b) ->
                new GatlingReport.Row(
                    a.name(),
                    a.total() + b.total(),
                    a.ok() + b.ok(),
                    a.ko() + b.ko(),
                    Math.min(a.min(), b.min()),
                    Math.max(a.p50(), b.p50()),
                    Math.max(a.p95(), b.p95()),
                    Math.max(a.p99(), b.p99()),
                    Math.max(a.max(), b.max()),
                    Math.max(a.mean(), b.mean())));
      }
    }
    return merged;
  }

  private static void writeProcessCsv(Path file, List<ProcSampler.Series> series)
      throws IOException {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
      out.println("group,seconds,cpu_percent,kernel_cpu_percent,rss_kib,processes");
      for (ProcSampler.Series s : series) {
        for (ProcSampler.Sample x : s.samples()) {
          out.printf(
              Locale.ROOT,
              "%s,%.1f,%.1f,%.1f,%d,%d%n",
              s.group(),
              x.atSeconds(),
              x.cpuPercent(),
              x.kernelCpuPercent(),
              x.rssKib(),
              x.processes());
        }
      }
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
  }

  private static void log(String line) {
    System.out.println("[load] " + line);
    System.out.flush();
  }

  /** Removes what earlier runs left in the report folder (only our own run folders). */
  private void clearEarlierRuns() throws IOException {
    Files.deleteIfExists(reportDir.resolve("summary.md"));
    try (Stream<Path> entries = Files.list(reportDir)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        boolean ours =
            Files.isDirectory(p)
                && Stream.of(Topology.values()).anyMatch(t -> name.startsWith(t.id() + "-"));
        if (ours) {
          deleteRecursively(p);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** What topologies get from the orchestrator. */
  private final class Context implements Topology.Context {
    private final Path workDir;

    Context(Path workDir) {
      this.workDir = workDir;
    }

    @Override
    public Path repoRoot() {
      return settings.repoRoot();
    }

    @Override
    public Path nodeDir() {
      return settings.nodeDir();
    }

    @Override
    public Path workDir() {
      return workDir;
    }

    @Override
    public Cpus serverCpus() {
      return settings.serverCpus();
    }

    @Override
    public Duration startTimeout() {
      return settings.startTimeout();
    }

    @Override
    public String setting(String key, String fallback) {
      return settings.setting(key, fallback);
    }

    @Override
    public Map<String, String> symphonyEnv() {
      Map<String, String> env = new LinkedHashMap<>();
      if (SymphonyBuild.isFresh(settings.repoRoot())) {
        env.put("SYMPHONY_SKIP_BUILD", "1");
      }
      Optional.ofNullable(settings.properties().apply("load.server.javaOpts"))
          .ifPresent(o -> env.put("SYMPHONY_JAVA_OPTS", o));
      return env;
    }

    @Override
    public List<String> command(String key, String template, Map<String, String> values) {
      Map<String, String> all = new LinkedHashMap<>(values);
      all.put("symphony", settings.repoRoot().resolve("symphony").toString());
      all.put("node", settings.setting("load.node", "node"));
      all.put("nodeDir", settings.nodeDir().toString());
      return CommandLine.fill(CommandLine.split(settings.setting(key, template)), all);
    }
  }
}
