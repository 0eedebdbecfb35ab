package dev.symphony.load.run;

import dev.symphony.load.measure.Counter;
import dev.symphony.load.measure.RunResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one load run (one topology, one user count) produced. */
public record StepOutcome(
    String topology,
    int users,
    double rateScale,
    RunResults results,
    Slo.Verdict verdict,
    Optional<ProcSampler.Series> server,
    Optional<ProcSampler.Series> loadGenerator,
    Optional<ProcSampler.Series> serverCores,
    Optional<ProcSampler.Series> loadCores,
    Map<String, GatlingReport.Row> gatling,
    List<Path> gatlingReports,
    Path dir,
    Cpus serverCpus,
    Cpus loadCpus) {

  public boolean passed() {
    return verdict.passed();
  }

  /**
   * Sent updates over what the schedule asked for: users join during the ramp and send until the
   * common deadline, {@code sendingSeconds} after the ramp (settle + duration), so on average for
   * that + ramp / 2. A user's first edit goes out as it starts, so over t seconds it makes
   * floor(rate × t) + 1 edits: rate × t + ½ on average (which matters at low rates). Well below
   * 100% means the generator could not keep up and the server saw less load than configured.
   */
  public double achievedUpdateRate(double rampSeconds, double sendingSeconds) {
    double rate = results.setup().updatesPerSecond();
    double perUser = rate <= 0 ? 0 : rate * (sendingSeconds + rampSeconds / 2) + 0.5;
    double target = perUser * results.counter(Counter.USERS_SYNCED);
    return target <= 0 ? 1 : results.counter(Counter.UPDATES_SENT) / target;
  }
}
