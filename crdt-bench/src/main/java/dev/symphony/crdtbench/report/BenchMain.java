package dev.symphony.crdtbench.report;

import dev.symphony.crdtbench.engine.CrdtEngine;
import dev.symphony.crdtbench.engine.Engines;
import dev.symphony.crdtbench.report.JmhTimings.Metric;
import dev.symphony.crdtbench.report.ResultsWriter.RunInfo;
import dev.symphony.crdtbench.report.ScenarioResult.Status;
import dev.symphony.crdtbench.suite.Suite;
import dev.symphony.crdtbench.trace.DataFiles;
import dev.symphony.crdtbench.trace.RepositoryRoot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point of benchmarks.jar: validates every engine's results, times the valid ones with JMH,
 * measures sizes and memory in fresh JVMs, runs the Node runner, and writes results.md/json.
 */
public final class BenchMain {

  private final BenchOptions options;
  private final List<String> childJvmProperties = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private BenchMain(BenchOptions options) {
    this.options = options;
    childJvmProperties.add("-Dsymphony.data.dir=" + DataFiles.dataDir());
    String wasm = System.getProperty("symphony.ywasm.wasm");
    if (wasm != null) {
      childJvmProperties.add("-Dsymphony.ywasm.wasm=" + wasm);
    }
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args, RepositoryRoot.find());
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      System.err.println(e.getMessage().equals("usage") ? "" : e.getMessage());
      System.err.println(BenchOptions.usage());
      System.exit(2);
      return;
    }
    boolean allValid = new BenchMain(options).run();
    if (options.quick() && !allValid) {
      System.exit(1);
    }
  }

  /** Returns whether every JVM engine passed every result check. */
  private boolean run() throws Exception {
    Files.createDirectories(options.outDir());
    List<EngineResults> columns = new ArrayList<>();
    boolean allValid = true;
    for (String engineId : options.engines()) {
      EngineResults column = measureEngine(engineId);
      allValid &= column.results().values().stream().allMatch(ScenarioResult::isOk);
      columns.add(column);
    }
    String nodeVersion = "not run";
    if (!options.quick() && !options.nodeEngines().isEmpty()) {
      NodeRunner node = new NodeRunner(options.nodeDir(), DataFiles.dataDir());
      Optional<String> unavailable = node.unavailable();
      if (unavailable.isPresent()) {
        notes.add("Node engines not measured: " + unavailable.get());
      } else {
        log("Node runner: " + options.nodeEngines());
        NodeRunner.NodeOutput output =
            node.run(
                options.nodeEngines(),
                options.scenarios(),
                options.nodeRounds(),
                options.outDir().resolve("node-results.json"));
        nodeVersion = output.node();
        columns.addAll(output.engines());
      }
    }
    new ResultsWriter(runInfo(nodeVersion), options.scenarios(), columns).write(options.outDir());
    log("wrote " + options.outDir().resolve("results.md") + " and results.json");
    System.out.println(Files.readString(options.outDir().resolve("results.md")));
    return allValid;
  }

  private EngineResults measureEngine(String engineId) throws Exception {
    Map<String, ScenarioResult> results = new LinkedHashMap<>();
    String displayName = engineId;
    String memoryMethod = "";
    try (CrdtEngine engine = Engines.create(engineId)) {
      displayName = engine.displayName();
      memoryMethod = engine.memoryGauge().describe();
      for (String id : options.scenarios()) {
        log("validating " + engineId + " " + id);
        ScenarioResult result = QuickRun.run(engine, Suite.byId(id));
        if (!result.isOk()) {
          log("  " + result.status() + ": " + result.message());
        }
        results.put(id, result);
      }
    } catch (RuntimeException | LinkageError e) {
      String why = "engine unavailable: " + QuickRun.describe(e);
      log(engineId + ": " + why);
      options
          .scenarios()
          .forEach(id -> results.put(id, ScenarioResult.failed(Status.skipped, why)));
      return new EngineResults(engineId, displayName, memoryMethod, results);
    }
    if (!options.quick()) {
      List<String> valid =
          results.entrySet().stream()
              .filter(e -> e.getValue().isOk())
              .map(Map.Entry::getKey)
              .toList();
      if (!valid.isEmpty()) {
        time(engineId, valid, results);
        measureSizes(engineId, valid, results);
      }
    } else {
      notes.add("quick mode: every benchmark ran once, cold; times are indicative only");
    }
    return new EngineResults(engineId, displayName, memoryMethod, results);
  }

  private void time(String engineId, List<String> valid, Map<String, ScenarioResult> results)
      throws Exception {
    List<String> jvmArgs = new ArrayList<>(childJvmProperties);
    jvmArgs.add("-Xmx" + options.heap());
    Map<String, Map<Metric, Timing>> timings =
        new JmhTimings(options, jvmArgs).run(engineId, valid);
    for (String id : valid) {
      Map<Metric, Timing> measured = timings.getOrDefault(id, Map.of());
      if (measured.size() < Metric.values().length) {
        results.put(
            id,
            results
                .get(id)
                .withFailure(
                    Status.error,
                    "JMH run failed, see its output (" + measured.keySet() + " measured)"));
        continue;
      }
      results.put(
          id,
          results
              .get(id)
              .withTimes(
                  measured.get(Metric.time),
                  measured.get(Metric.encodeTime),
                  measured.get(Metric.parseTime)));
    }
  }

  private void measureSizes(
      String engineId, List<String> valid, Map<String, ScenarioResult> results) {
    ProbeLauncher probe = new ProbeLauncher(options.heap(), childJvmProperties);
    for (String id : valid) {
      ScenarioResult result = results.get(id);
      if (!result.isOk()) {
        continue;
      }
      log("measuring sizes and memory: " + engineId + " " + id);
      try {
        Map<String, Long> sizes = probe.measure(engineId, id);
        Long updateSize = sizes.get("updateSize");
        results.put(
            id,
            result.withSizes(
                updateSize == null || updateSize < 0 ? null : updateSize,
                sizes.get("docSize"),
                sizes.get("memUsed")));
      } catch (RuntimeException e) {
        results.put(id, result.withFailure(Status.error, "memory probe failed: " + e.getMessage()));
      }
    }
  }

  private RunInfo runInfo(String nodeVersion) {
    String method =
        options.quick()
            ? "quick mode (each benchmark once, cold)"
            : (options.warmupIterations() >= 0
                    ? "JVM: JMH, (time) best of "
                        + describeIterations(5)
                        + " single shots after "
                        + describeWarmup(3)
                        + " warm-up rounds, each on fresh documents"
                    : "JVM: JMH, (time) B4 and B4x100: best of "
                        + describeIterations(5)
                        + " single shots after 3 warm-up rounds; the millisecond-scale"
                        + " benchmarks: best 1 s iteration average after 5 s of warm-up (JIT"
                        + " steady state); always on fresh documents")
                + "; (encodeTime)/(parseTime) best JMH"
                + " iteration average; sizes and memUsed from fresh JVMs. Node: best of "
                + options.nodeRounds()
                + " rounds. All updates and documents in each engine's default format"
                + " (Yjs/yrs: update format v1).";
    return new RunInfo(
        OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        machine(),
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vm.vendor")
            + ")",
        nodeVersion,
        method,
        notes);
  }

  private String describeIterations(int byDefault) {
    return Integer.toString(
        options.measurementIterations() >= 0 ? options.measurementIterations() : byDefault);
  }

  private String describeWarmup(int byDefault) {
    return Integer.toString(
        options.warmupIterations() >= 0 ? options.warmupIterations() : byDefault);
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try {
      Path cpuinfo = Path.of("/proc/cpuinfo");
      if (Files.isReadable(cpuinfo)) {
        cpu =
            Files.readAllLines(cpuinfo).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse(cpu);
      }
    } catch (IOException e) {
      // The CPU model is decoration; the core count below is what matters.
    }
    long memory =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return String.format(
        "%s, %d cores, %.0f GiB RAM, %s %s",
        cpu,
        Runtime.getRuntime().availableProcessors(),
        memory / (double) (1L << 30),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }

  private static void log(String message) {
    System.err.println("[crdt-bench] " + message);
  }
}
