package dev.symphony.load.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunResultsTest {

  private static final RunResults.Setup SETUP =
      new RunResults.Setup("y-websocket", List.of("ws://127.0.0.1:1"), 8, 4, 1, 5, 30);

  private static RunResults part(long start, long latencyMicros, int deliveries) {
    Measurements m = new Measurements(start);
    for (int i = 0; i < deliveries; i++) {
      m.recordUpdateLatency(0, latencyMicros);
      m.increment(Counter.UPDATES_RECEIVED);
    }
    m.add(Counter.UPDATES_EXPECTED, deliveries + 1);
    m.add(Counter.UPDATES_LOST, 1);
    return m.results(SETUP, start + 10_000);
  }

  @Test
  void resultsSurviveTheirJsonFile(@TempDir Path dir) throws Exception {
    RunResults r = part(1_000_000, 2_500, 10);
    r.write(dir.resolve("r.json"));
    RunResults back = RunResults.read(dir.resolve("r.json"));
    assertThat(back).isEqualTo(r);
    assertThat(back.updates().count()).isEqualTo(10);
    assertThat(back.updates().p99()).isCloseTo(2.5, within(0.01));
  }

  @Test
  void partsOfOneRunAddUpWithExactPercentiles() {
    RunResults fast = part(1_000_000, 1_000, 99);
    RunResults slow = part(1_000_500, 50_000, 1);
    RunResults merged = RunResults.merge(List.of(fast, slow));
    assertThat(merged.counter(Counter.UPDATES_RECEIVED)).isEqualTo(100);
    assertThat(merged.counter(Counter.UPDATES_LOST)).isEqualTo(2);
    assertThat(merged.setup().users()).isEqualTo(16);
    assertThat(merged.updates().count()).isEqualTo(100);
    // the slow part's single delivery is the merged p99.9/max, the fast ones the median
    assertThat(merged.updates().p50()).isCloseTo(1.0, within(0.01));
    assertThat(merged.updates().max()).isCloseTo(50.0, within(0.1));
    assertThat(merged.startedAtMillis()).isEqualTo(1_000_000);
  }

  @Test
  void anEmptyLastSliverIsNotATimelineRowButAQuietIntervalIs() {
    Measurements m = new Measurements(0);
    m.recordUpdateLatency(0, 1_000);
    m.sample(5_000);
    RunResults endedJustAfter = m.results(SETUP, 5_200);
    assertThat(endedJustAfter.timeline()).hasSize(1);
    assertThat(endedJustAfter.updatesWholeRun().count()).isEqualTo(1);

    Measurements stalled = new Measurements(0);
    stalled.recordUpdateLatency(0, 1_000);
    stalled.sample(5_000);
    assertThat(stalled.results(SETUP, 10_000).timeline()).hasSize(2);

    Measurements dropping = new Measurements(0);
    dropping.recordUpdateLatency(0, 1_000);
    dropping.sample(5_000);
    dropping.increment(Counter.USERS_DROPPED);
    assertThat(dropping.results(SETUP, 5_200).timeline()).hasSize(2);
  }

  @Test
  void latencyIsClampedIntoTheHistogramsRange() {
    Measurements m = new Measurements(0);
    m.recordUpdateLatency(0, -5);
    m.recordUpdateLatency(0, Long.MAX_VALUE);
    RunResults r = m.results(SETUP, 1);
    assertThat(r.updatesWholeRun().count()).isEqualTo(2);
    assertThat(r.updatesWholeRun().max()).isGreaterThan(3_500_000.0);
  }

  @Test
  void theSteadyStateLeavesOutDeliveriesDuringTheRamp() {
    // the ramp ends at t = 10 s: a slow delivery during the ramp counts only for the whole run
    Measurements m = new Measurements(0, 10_000_000);
    m.recordUpdateLatency(4_000_000, 5_000_000);
    m.recordUpdateLatency(11_000_000, 11_002_000);
    m.recordPresenceLatency(9_999_000, 10_000_000);
    RunResults r = m.results(SETUP, 20_000);
    assertThat(r.updates().count()).isEqualTo(1);
    assertThat(r.updates().max()).isCloseTo(2.0, within(0.01));
    assertThat(r.updatesWholeRun().count()).isEqualTo(2);
    assertThat(r.updatesWholeRun().max()).isCloseTo(1000.0, within(1.0));
    assertThat(r.presence().count()).isEqualTo(1);
  }
}
