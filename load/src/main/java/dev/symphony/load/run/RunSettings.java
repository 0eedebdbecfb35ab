package dev.symphony.load.run;

import dev.symphony.load.Durations;
import dev.symphony.load.simulation.SimulationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The orchestrator's settings ({@code -Dtopology=...}, {@code -Dload.*}), read once. Empty values
 * count as unset, because Maven passes every known property even when nobody set it.
 */
public record RunSettings(
    Mode mode,
    Topology topology,
    List<Topology> compared,
    SimulationSettings base,
    Duration fixedRamp,
    double rampUsersPerSecond,
    Cpus serverCpus,
    Cpus loadCpus,
    int minJvms,
    int maxUsersPerJvm,
    List<String> gatlingJvmOptions,
    Slo slo,
    boolean failOnSlo,
    int capacityStart,
    double capacityFactor,
    int capacityMax,
    int refineSteps,
    Path repoRoot,
    Path reportDir,
    Duration startTimeout,
    Duration warmup,
    Function<String, String> properties) {

  /** What {@code -Dload.mode} asks for. */
  public enum Mode {
    /** One run at {@code load.users}; the build fails when the SLO is missed. */
    RUN,
    /** Double the users from {@code load.capacity.start} until the SLO breaks, then bisect. */
    CAPACITY,
    /** Capacity of each server in {@code load.compare}, one comparison table. */
    COMPARE,
    /** Users fixed, per-user rates scaled up until the SLO breaks (the 20,000-user experiment). */
    RATES
  }

  public static RunSettings fromSystemProperties() {
    return from(System::getProperty);
  }

  public static RunSettings from(Function<String, String> raw) {
    return from(raw, CpuShare::create);
  }

  /** {@code cpuShares} makes the cgroup for {@code load.serverCpuShare}. */
  static RunSettings from(
      Function<String, String> raw, java.util.function.DoubleFunction<CpuShare> cpuShares) {
    Function<String, String> get =
        key -> {
          String v = raw.apply(key);
          return v == null || v.isBlank() ? null : v.trim();
        };
    Function<String, String> props =
        key -> {
          String v = get.apply(key);
          if (v == null && key.equals("load.users")) {
            // the design documents' 240-user test unless told otherwise
            return "240";
          }
          return v;
        };
    String topologyId =
        firstNonNull(get.apply("topology"), get.apply("load.topology"), "single-node");
    String ramp = get.apply("load.ramp");
    int cores = Runtime.getRuntime().availableProcessors();
    int serverCores = Integer.parseInt(or(get, "load.serverCores", "1"));
    Cpus[] cpus =
        Cpus.split(cores, serverCores, get.apply("load.serverCpus"), get.apply("load.loadgenCpus"));
    String cpuShare = get.apply("load.serverCpuShare");
    if (cpuShare != null) {
      cpus[0] = cpus[0].limitedTo(cpuShares.apply(parseShare(cpuShare)));
    }
    Path repoRoot = Path.of(or(get, "symphony.repo.root", "..")).toAbsolutePath().normalize();
    return new RunSettings(
        Mode.valueOf(or(get, "load.mode", "run").toUpperCase(Locale.ROOT)),
        Topology.fromId(topologyId),
        Arrays.stream(or(get, "load.compare", "y-websocket,hocuspocus,single-node").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Topology::fromId)
            .toList(),
        SimulationSettings.from(props),
        ramp == null ? null : Durations.parse(ramp),
        Double.parseDouble(or(get, "load.rampRate", "200")),
        cpus[0],
        cpus[1],
        Integer.parseInt(or(get, "load.jvms", "1")),
        Integer.parseInt(or(get, "load.usersPerJvm", "9000")),
        Arrays.stream(or(get, "load.gatling.jvmArgs", "-Xmx3g").split("\\s+"))
            .filter(s -> !s.isEmpty())
            .toList(),
        new Slo(
            Double.parseDouble(or(get, "load.slo.p99Ms", "100")),
            Long.parseLong(or(get, "load.slo.maxLost", "0")),
            Double.parseDouble(or(get, "load.slo.maxErrorRate", "0.001")),
            Boolean.parseBoolean(or(get, "load.slo.presence", "true"))),
        Boolean.parseBoolean(or(get, "load.failOnSlo", "true")),
        Integer.parseInt(or(get, "load.capacity.start", "240")),
        Double.parseDouble(or(get, "load.capacity.factor", "2")),
        Integer.parseInt(or(get, "load.capacity.max", "19200")),
        Integer.parseInt(or(get, "load.capacity.refine", "2")),
        repoRoot,
        Path.of(or(get, "load.reportDir", repoRoot.resolve("load/target/load-report").toString()))
            .toAbsolutePath(),
        Durations.parse(or(get, "load.startTimeout", "180s")),
        Durations.parse(or(get, "load.warmup", "0s")),
        get);
  }

  /** {@code 0.25} or {@code 25%}. */
  static double parseShare(String text) {
    try {
      return text.endsWith("%")
          ? Double.parseDouble(text.substring(0, text.length() - 1).trim()) / 100
          : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "load.serverCpuShare must be a fraction of one core such as 0.25 or 25%, not '"
              + text
              + "'");
    }
  }

  private static String or(Function<String, String> get, String key, String fallback) {
    String v = get.apply(key);
    return v == null ? fallback : v;
  }

  private static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    throw new IllegalStateException();
  }

  public Path nodeDir() {
    return repoRoot.resolve("load/node");
  }

  /**
   * The ramp for a run of {@code users}: {@code load.ramp} when set, else long enough to open
   * {@code load.rampRate} connections a second (at least 5 s), so that big steps measure steady
   * state rather than a connection storm.
   */
  public Duration rampFor(int users) {
    if (fixedRamp != null) {
      return fixedRamp;
    }
    long millis = Math.round(users / rampUsersPerSecond * 1000);
    return Duration.ofMillis(Math.max(5_000, millis));
  }

  public String rampDescription() {
    return fixedRamp != null
        ? Durations.format(fixedRamp)
        : "users / " + Slo.fmt(rampUsersPerSecond) + " per second (at least 5s)";
  }

  /** A setting by its raw key, or {@code fallback}. */
  public String setting(String key, String fallback) {
    String v = properties.apply(key);
    return v == null ? fallback : v;
  }
}
