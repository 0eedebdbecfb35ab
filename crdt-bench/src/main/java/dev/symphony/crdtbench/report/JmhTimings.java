package dev.symphony.crdtbench.report;

import dev.symphony.crdtbench.jmh.EncodeParseBenchmark;
import dev.symphony.crdtbench.jmh.SteadyUpdateBenchmark;
import dev.symphony.crdtbench.jmh.UpdateBenchmark;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks for one engine and returns the three timings per benchmark id. */
final class JmhTimings {

  /** The metric a JMH benchmark method measures. */
  enum Metric {
    time,
    encodeTime,
    parseTime
  }

  private final BenchOptions options;
  private final List<String> jvmArgs;

  JmhTimings(BenchOptions options, List<String> jvmArgs) {
    this.options = options;
    this.jvmArgs = jvmArgs;
  }

  /**
   * Benchmarks whose single round takes seconds: timed as single shots. Every other one takes
   * milliseconds or less and is timed by {@link SteadyUpdateBenchmark} (averages after a time-based
   * warm-up), unless a warm-up count is given explicitly.
   */
  static final Set<String> HEAVY_SCENARIOS = Set.of("B4", "B4x100");

  Map<String, Map<Metric, Timing>> run(String engineId, List<String> scenarioIds)
      throws RunnerException {
    if (options.warmupIterations() >= 0) {
      return run(engineId, scenarioIds, options.warmupIterations(), "");
    }
    List<String> heavy = scenarioIds.stream().filter(HEAVY_SCENARIOS::contains).toList();
    List<String> light = scenarioIds.stream().filter(id -> !HEAVY_SCENARIOS.contains(id)).toList();
    Map<String, Map<Metric, Timing>> timings = run(engineId, scenarioIds, ENCODE_PARSE, -1, "");
    if (!light.isEmpty()) {
      merge(timings, run(engineId, light, STEADY, -1, "-light"));
    }
    if (!heavy.isEmpty()) {
      merge(timings, run(engineId, heavy, SINGLE_SHOT, -1, "-heavy"));
    }
    return timings;
  }

  private static final String SINGLE_SHOT =
      Pattern.quote(UpdateBenchmark.class.getName()) + "\\.time$";
  private static final String STEADY =
      Pattern.quote(SteadyUpdateBenchmark.class.getName()) + "\\.time$";
  private static final String ENCODE_PARSE =
      Pattern.quote(EncodeParseBenchmark.class.getName()) + "\\..*Time$";

  private static void merge(
      Map<String, Map<Metric, Timing>> into, Map<String, Map<Metric, Timing>> from) {
    from.forEach(
        (scenario, metrics) ->
            into.computeIfAbsent(scenario, s -> new HashMap<>()).putAll(metrics));
  }

  private Map<String, Map<Metric, Timing>> run(
      String engineId, List<String> scenarioIds, int warmupShots, String resultSuffix)
      throws RunnerException {
    return run(engineId, scenarioIds, SINGLE_SHOT + "|" + ENCODE_PARSE, warmupShots, resultSuffix);
  }

  private Map<String, Map<Metric, Timing>> run(
      String engineId,
      List<String> scenarioIds,
      String include,
      int warmupShots,
      String resultSuffix)
      throws RunnerException {
    ChainedOptionsBuilder builder =
        new OptionsBuilder()
            .include(include)
            .param("engine", engineId)
            .param("scenario", scenarioIds.toArray(String[]::new))
            .forks(options.forks())
            .jvmArgsAppend(jvmArgs.toArray(String[]::new))
            .shouldFailOnError(false)
            // Each single shot starts on a collected heap instead of paying for the last one's
            // garbage.
            .shouldDoGC(true)
            .result(resultFile(options.outDir(), engineId + resultSuffix).toString())
            .resultFormat(ResultFormatType.JSON)
            .timeUnit(TimeUnit.MILLISECONDS);
    if (warmupShots >= 0) {
      builder.warmupIterations(warmupShots);
    }

    if (options.measurementIterations() >= 0) {
      builder.measurementIterations(options.measurementIterations());
    }
    if (options.iterationMillis() > 0) {
      builder
          .warmupTime(TimeValue.milliseconds(options.iterationMillis()))
          .measurementTime(TimeValue.milliseconds(options.iterationMillis()));
    }
    Collection<RunResult> results = new Runner(builder.build()).run();
    Map<String, Map<Metric, Timing>> timings = new HashMap<>();
    for (RunResult result : results) {
      String scenario = result.getParams().getParam("scenario");
      String method = result.getParams().getBenchmark();
      Metric metric = Metric.valueOf(method.substring(method.lastIndexOf('.') + 1));
      Result<?> primary = result.getPrimaryResult();
      timings
          .computeIfAbsent(scenario, id -> new HashMap<>())
          .put(
              metric,
              new Timing(
                  primary.getStatistics().getMin(),
                  primary.getScore(),
                  (int) primary.getStatistics().getN()));
    }
    return timings;
  }

  static Path resultFile(Path outDir, String engineId) {
    return outDir.resolve("jmh-" + engineId + ".json");
  }
}
