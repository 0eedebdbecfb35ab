package dev.symphony.load.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.load.measure.Measurements;
import dev.symphony.load.measure.RunResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {

  /** A fake step that holds the SLO up to {@code limit} users. */
  static StepOutcome outcome(int users, boolean held) {
    RunResults r =
        new Measurements(0)
            .results(new RunResults.Setup("y-websocket", List.of("ws://x"), users, 4, 1, 5, 30), 1);
    Slo.Verdict v = new Slo.Verdict(List.of(new Slo.Check("fake", "", "", held)));
    return new StepOutcome(
        "fake",
        users,
        1,
        r,
        v,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        List.of(),
        Path.of("."),
        Cpus.ANY,
        Cpus.ANY);
  }

  @Test
  void doublesUntilTheSloBreaksThenBisects() throws Exception {
    List<Integer> tried = new ArrayList<>();
    List<StepOutcome> steps =
        CapacitySearch.search(
            240,
            2,
            20_000,
            2,
            4,
            users -> {
              tried.add(users);
              return outcome(users, users <= 1500);
            });
    assertThat(tried).containsExactly(240, 480, 960, 1920, 1440, 1680);
    assertThat(CapacitySearch.largestHeld(steps)).contains(1440);
  }

  @Test
  void stopsAtTheMaximumWhenEverythingHolds() throws Exception {
    List<StepOutcome> steps =
        CapacitySearch.search(240, 2, 1000, 2, 4, users -> outcome(users, true));
    assertThat(steps).extracting(StepOutcome::users).containsExactly(240, 480, 960, 1000);
    assertThat(CapacitySearch.largestHeld(steps)).contains(1000);
  }

  @Test
  void nothingHeldWhenTheFirstStepMisses() throws Exception {
    List<StepOutcome> steps =
        CapacitySearch.search(240, 2, 1000, 2, 4, users -> outcome(users, false));
    assertThat(steps).hasSize(1);
    assertThat(CapacitySearch.largestHeld(steps)).isEmpty();
  }

  @Test
  void aNoisyMissBelowALuckyHoldCapsTheResult() {
    List<StepOutcome> steps = List.of(outcome(240, true), outcome(480, false), outcome(720, true));
    assertThat(CapacitySearch.largestHeld(steps)).contains(240);
  }

  @Test
  void theLoadEverySearchHeldIsTheLargestStepCommonToAll() {
    List<StepOutcome> node = List.of(outcome(240, true), outcome(480, false), outcome(360, true));
    List<StepOutcome> ours = List.of(outcome(240, true), outcome(480, true), outcome(960, true));
    List<StepOutcome> noisy = List.of(outcome(240, false), outcome(480, true));
    assertThat(CapacitySearch.largestHeldByAll(List.of(node, ours))).hasValue(240);
    assertThat(CapacitySearch.largestHeldByAll(List.of(ours))).hasValue(960);
    assertThat(CapacitySearch.largestHeldByAll(List.of(node, ours, noisy))).isEmpty();
    assertThat(CapacitySearch.largestHeldByAll(List.of())).isEmpty();
  }
}
