package dev.symphony.crdtbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.symphony.crdtbench.engine.CrdtEngine;
import dev.symphony.crdtbench.engine.EngineUnavailableException;
import dev.symphony.crdtbench.engine.Engines;
import dev.symphony.crdtbench.engine.symphony.SymphonyEngine;
import dev.symphony.crdtbench.report.QuickRun;
import dev.symphony.crdtbench.report.ScenarioResult;
import dev.symphony.crdtbench.report.ScenarioResult.Status;
import dev.symphony.crdtbench.suite.Scenario;
import dev.symphony.crdtbench.suite.Suite;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CI's quick mode: every benchmark of the suite runs once per default engine, and its results must
 * be right (final text or array, converged replicas, a loadable encoding). Speed is not checked.
 */
@Execution(ExecutionMode.SAME_THREAD)
class QuickModeTest {

  /** Set to run the combinations that take minutes (see {@link #SLOW}) in the quick mode too. */
  static final String SLOW_PROPERTY = "symphony.bench.slow";

  /**
   * ywasm replays B4's 260k transactions in about 50 s on Chicory: too slow for every build. A full
   * run (-Pbench) still validates it before timing it.
   */
  private static final Set<String> SLOW = Set.of("ywasm B4");

  private static final Map<String, CrdtEngine> ENGINES = new HashMap<>();

  static Stream<Arguments> everyBenchmarkOnEveryEngine() {
    return Engines.defaultIds().stream()
        .flatMap(engine -> Suite.defaults().stream().map(s -> Arguments.of(engine, s.id())));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyBenchmarkOnEveryEngine")
  void producesTheExpectedResult(String engineId, String scenarioId) {
    assumeTrue(
        !SLOW.contains(engineId + " " + scenarioId) || Boolean.getBoolean(SLOW_PROPERTY),
        () ->
            engineId + " " + scenarioId + " takes minutes: run with -D" + SLOW_PROPERTY + "=true");
    Scenario scenario = Suite.byId(scenarioId);
    ScenarioResult result = QuickRun.run(engine(engineId), scenario);

    if (result.status() == Status.skipped) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI must run every benchmark: " + result.message());
      }
      abort(result.message());
    }
    assertThat(result.status())
        .as("%s on %s: %s", scenarioId, engineId, result.message())
        .isEqualTo(Status.ok);
    assertThat(result.docSize()).as("encoded document size").isPositive();
    if (scenario.updateSizeMetric() != null) {
      assertThat(result.updateSize()).as("update size").isPositive();
    }
    if (engineId.equals(SymphonyEngine.ID)) {
      YjsSizes.Sizes yjs = YjsSizes.of(scenarioId);
      assertThat(result.docSize())
          .as("%s: Symphony's encoded document must be as large as Yjs's", scenarioId)
          .isEqualTo(yjs.docSize());
      assertThat(result.updateSize())
          .as(
              "%s: Symphony's updates must be as large as Yjs's (%s)",
              scenarioId, scenario.updateSizeMetric())
          .isEqualTo(yjs.updateSize());
    }
  }

  private static CrdtEngine engine(String id) {
    try {
      return ENGINES.computeIfAbsent(id, Engines::create);
    } catch (EngineUnavailableException e) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI must run every engine: " + e.getMessage());
      }
      abort(e.getMessage());
      throw e;
    }
  }

  @AfterAll
  static void closeEngines() {
    ENGINES.values().forEach(CrdtEngine::close);
    ENGINES.clear();
  }
}
