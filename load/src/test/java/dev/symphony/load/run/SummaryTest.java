package dev.symphony.load.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.load.measure.Counter;
import dev.symphony.load.measure.Measurements;
import dev.symphony.load.measure.RunResults;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {

  private static final RunSettings SETTINGS =
      RunSettings.from(Map.of("load.reportDir", "/tmp/r")::get);

  private static StepOutcome step(String topology, int users, long p99Micros, long lost) {
    return step(topology, users, p99Micros, lost, 70);
  }

  /** A step whose server used {@code cpu}% of a core on average, a fifth of it in the kernel. */
  private static StepOutcome step(
      String topology, int users, long p99Micros, long lost, double cpu) {
    Measurements m = new Measurements(0);
    m.add(Counter.USERS_STARTED, users);
    m.add(Counter.USERS_SYNCED, users);
    m.add(Counter.UPDATES_SENT, users * 30L);
    m.add(Counter.UPDATES_EXPECTED, users * 90L);
    m.add(Counter.UPDATES_RECEIVED, users * 90L - lost);
    m.add(Counter.UPDATES_LOST, lost);
    m.add(Counter.PRESENCE_SENT, users * 150L);
    for (int i = 0; i < 100; i++) {
      m.recordUpdateLatency(0, p99Micros);
      m.recordPresenceLatency(0, 1_000);
    }
    RunResults r =
        m.results(
            new RunResults.Setup("y-websocket", List.of("ws://x"), users, 4, 1, 5, 30), 10_000);
    ProcSampler.Series server =
        new ProcSampler.Series(
            "server",
            0,
            List.of(
                new ProcSampler.Sample(1, cpu - 20, cpu / 5 - 2, 102_400, 1),
                new ProcSampler.Sample(2, cpu + 20, cpu / 5 + 2, 204_800, 1)));
    return new StepOutcome(
        topology,
        users,
        1,
        r,
        SETTINGS.slo().evaluate(r, List.of()),
        Optional.of(server),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of("connect", new GatlingReport.Row("connect", users, users, 0, 1, 2, 3, 4, 5, 2)),
        List.of(Path.of("/tmp/r/" + topology + "-" + users + "/gatling-jvm0/run1")),
        Path.of("/tmp/r/" + topology + "-" + users),
        new Cpus("0"),
        new Cpus("1"));
  }

  @Test
  void aRunReportShowsVerdictLatencyDeliveryAndProcesses() {
    String md = Summary.step(step("single-node", 240, 5_000, 1), SETTINGS, Path.of("/tmp/r"));
    assertThat(md).contains("## single-node, 240 users: SLO missed");
    assertThat(md).contains("| updates lost | <= 0 | 1 of 21600 | **FAILED** |");
    assertThat(md).contains("| document updates | 7200 | 21600 | 21599 | 1 | 0 |");
    assertThat(md).contains("| server (cpus 0) | 70% | 14% | 90% | 200 MiB | 200 MiB |");
    assertThat(md).contains("| connect | 240 | 0 |");
    assertThat(md).contains("[Gatling report](single-node-240/gatling-jvm0/run1/index.html)");
  }

  @Test
  void theScheduleCountsTheSettlePeriodAsSendingTime() {
    // 240 users ramp in 5 s, then send for 10 s (settle) + 30 s: 42.5 s a user on average, and
    // the first edit goes out at once: 43 edits a user were due, 30 went out
    String md = Summary.step(step("single-node", 240, 5_000, 0), SETTINGS, Path.of("/tmp/r"));
    assertThat(md).contains("Updates sent: 70% of the schedule");
    assertThat(Summary.header("t", SETTINGS, Path.of("/tmp/r")))
        .contains("settle (sending, not judged): 10s; steady state: 30s");
  }

  @Test
  void capacityAndComparisonTablesNameTheLargestStepThatHeld() {
    List<StepOutcome> node =
        List.of(
            step("y-websocket", 240, 5_000, 0, 60),
            step("y-websocket", 480, 300_000, 0, 90),
            step("y-websocket", 360, 5_000, 0, 80));
    List<StepOutcome> ours =
        List.of(
            step("single-node", 240, 2_000, 0, 20),
            step("single-node", 480, 2_000, 0, 30),
            step("single-node", 960, 3_000, 0, 50));
    assertThat(Summary.capacity("y-websocket", node))
        .contains("| 480 | missed: update fan-out p99 |")
        .contains("Largest step that held: **360** users.");
    Map<String, List<StepOutcome>> all = new LinkedHashMap<>();
    all.put("y-websocket", node);
    all.put("single-node", ours);
    assertThat(Summary.comparison(all))
        .contains("| y-websocket | 360 | 1.0 | 5.0 | 80% (16%) |")
        .contains("| single-node | 960 | 2.7 | 3.0 | 50% (10%) |")
        // 360 users ran only against y-websocket: 240 is the load both held
        .contains("### Cost of the same load: 240 users")
        .contains("| y-websocket | 60% | 12% | 250.0% | 1.0 |")
        .contains("| single-node | 20% | 4% | 83.3% | 3.0 |");
  }

  @Test
  void theHeaderSaysWhenServersHadASliceOfACoreAndAWarmUp(@TempDir Path cgroups) throws Exception {
    java.nio.file.Files.createDirectories(cgroups.resolve("cpu"));
    java.nio.file.Files.writeString(cgroups.resolve("cpu/cpu.cfs_quota_us"), "-1");
    RunSettings plain = RunSettings.from(Map.of("load.reportDir", "/tmp/r")::get);
    RunSettings sliced =
        RunSettings.from(
            Map.of(
                    "load.reportDir", "/tmp/r",
                    "load.warmup", "20s",
                    "load.serverCpuShare", "10%")
                ::get,
            share -> CpuShare.create(share, cgroups, "s"));

    assertThat(Summary.header("t", plain, Path.of("/tmp/r")))
        .doesNotContain("warm-up")
        .doesNotContain("limited to");
    assertThat(Summary.header("t", sliced, Path.of("/tmp/r")))
        .containsPattern("servers on (cpus 0|unpinned), 10% of a core")
        .contains("follows a 20s warm-up at the same load")
        .contains("Servers limited to 10% of a core by a cgroup CPU quota");
  }
}
