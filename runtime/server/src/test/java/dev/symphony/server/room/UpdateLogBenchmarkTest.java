package dev.symphony.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link UpdateLogBenchmark} (JMH) and prints the cost of the update log as a ratio:
 *
 * <pre>
 * ./mvnw -pl runtime/server test -Dtest=UpdateLogBenchmarkTest -Dsymphony.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "symphony.bench", matches = "true")
class UpdateLogBenchmarkTest {

  @Test
  void updateLogOnVersusOff() throws Exception {
    Collection<RunResult> results =
        new Runner(new OptionsBuilder().include(UpdateLogBenchmark.class.getName()).build()).run();
    Map<String, Double> microsPerUpdate = new HashMap<>();
    Map<String, Double> bestMicrosPerUpdate = new HashMap<>();
    for (RunResult result : results) {
      String log = result.getParams().getParam("updateLog");
      microsPerUpdate.put(log, result.getPrimaryResult().getScore());
      bestMicrosPerUpdate.put(log, result.getPrimaryResult().getStatistics().getMin());
    }
    assertThat(microsPerUpdate).containsKeys("off", "on");
    System.out.printf(
        "update path, %d updates per shot: log off %.2f us/update (best %.2f), log on %.2f"
            + " us/update (best %.2f); ratio on/off %.2f (best %.2f)%n",
        UpdateLogBenchmark.UPDATES,
        microsPerUpdate.get("off"),
        bestMicrosPerUpdate.get("off"),
        microsPerUpdate.get("on"),
        bestMicrosPerUpdate.get("on"),
        microsPerUpdate.get("on") / microsPerUpdate.get("off"),
        bestMicrosPerUpdate.get("on") / bestMicrosPerUpdate.get("off"));
  }
}
