package dev.symphony.load.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.load.measure.Counter;
import dev.symphony.load.measure.Measurements;
import dev.symphony.load.measure.RunResults;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloTest {

  static RunResults run(long updateLatencyMicros, long lostUpdates, long failedUsers) {
    Measurements m = new Measurements(0);
    m.add(Counter.USERS_STARTED, 240);
    m.add(Counter.USERS_SYNCED, 240 - failedUsers);
    m.add(Counter.USERS_FAILED, failedUsers);
    m.add(Counter.UPDATES_SENT, 100);
    m.add(Counter.PRESENCE_SENT, 500);
    m.add(Counter.UPDATES_EXPECTED, 300);
    m.add(Counter.UPDATES_LOST, lostUpdates);
    for (int i = 0; i < 300; i++) {
      m.recordUpdateLatency(0, updateLatencyMicros);
      m.recordPresenceLatency(0, 2_000);
    }
    return m.results(new RunResults.Setup("y-websocket", List.of("ws://x"), 240, 4, 1, 5, 30), 1);
  }

  @Test
  void aHealthyRunHoldsTheDefaultSlo() {
    Slo.Verdict v = Slo.DEFAULT.evaluate(run(5_000, 0, 0), List.of());
    assertThat(v.passed()).isTrue();
    assertThat(v.checks())
        .extracting(Slo.Check::name)
        .contains("update fan-out p99", "updates lost");
  }

  @Test
  void slowFanOutMissesIt() {
    Slo.Verdict v = Slo.DEFAULT.evaluate(run(150_000, 0, 0), List.of());
    assertThat(v.passed()).isFalse();
    assertThat(v.failures()).extracting(Slo.Check::name).containsExactly("update fan-out p99");
  }

  @Test
  void oneLostUpdateOrOneFailedUserOfTwoHundredFortyMissesIt() {
    assertThat(Slo.DEFAULT.evaluate(run(5_000, 1, 0), List.of()).failures())
        .extracting(Slo.Check::name)
        .containsExactly("updates lost");
    assertThat(Slo.DEFAULT.evaluate(run(5_000, 0, 1), List.of()).failures())
        .extracting(Slo.Check::name)
        .containsExactly("connection errors (failed + dropped users)");
    assertThat(Slo.errorRate(run(5_000, 0, 1))).isEqualTo(1 / 240.0);
  }

  @Test
  void aServerThatDiedOrARunWithoutDeliveriesMissesIt() {
    assertThat(Slo.DEFAULT.evaluate(run(5_000, 0, 0), List.of("y-websocket")).passed()).isFalse();
    Measurements nothing = new Measurements(0);
    RunResults empty =
        nothing.results(new RunResults.Setup("y-websocket", List.of("ws://x"), 4, 4, 1, 5, 3), 1);
    assertThat(Slo.DEFAULT.evaluate(empty, List.of()).passed()).isFalse();
  }

  @Test
  void limitsAreConfigurable() {
    Slo lenient = new Slo(200, 5, 0.01, false);
    assertThat(lenient.evaluate(run(150_000, 3, 2), List.of()).passed()).isTrue();
  }
}
