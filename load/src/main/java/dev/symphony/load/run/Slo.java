package dev.symphony.load.run;

import dev.symphony.load.measure.Counter;
import dev.symphony.load.measure.RunResults;
import java.util.ArrayList;
import java.util.List;

/**
 * The service level objective a run must meet: fan-out p99 below a bound for document updates (and
 * presence, unless disabled), no lost updates or presence states, and few users that failed to
 * connect or dropped. The defaults are the issue's: p99 &lt; 100 ms, zero loss, errors &lt; 0.1%.
 */
public record Slo(double p99Ms, long maxLost, double maxErrorRate, boolean presence) {

  public static final Slo DEFAULT = new Slo(100, 0, 0.001, true);

  /** One line of the verdict. */
  public record Check(String name, String limit, String actual, boolean passed) {}

  /** The verdict: every check, and whether all passed. */
  public record Verdict(List<Check> checks) {
    public boolean passed() {
      return checks.stream().allMatch(Check::passed);
    }

    public List<Check> failures() {
      return checks.stream().filter(c -> !c.passed()).toList();
    }
  }

  /**
   * Judges a run. {@code deadServers} lists server processes that died during the run (always a
   * failure); a run in which no update was delivered at all fails too (it measured nothing).
   */
  public Verdict evaluate(RunResults r, List<String> deadServers) {
    List<Check> checks = new ArrayList<>();
    double updateP99 = r.updates().p99();
    checks.add(
        new Check(
            "update fan-out p99",
            "< " + fmt(p99Ms) + " ms",
            fmt(updateP99) + " ms",
            updateP99 < p99Ms && r.updates().count() > 0));
    if (presence) {
      double presenceP99 = r.presence().p99();
      checks.add(
          new Check(
              "presence fan-out p99",
              "< " + fmt(p99Ms) + " ms",
              fmt(presenceP99) + " ms",
              presenceP99 < p99Ms
                  || r.counter(Counter.PRESENCE_SENT) == 0
                  || r.setup().usersPerRoom() < 2));
    }
    long lostUpdates = r.counter(Counter.UPDATES_LOST);
    checks.add(
        new Check(
            "updates lost",
            "<= " + maxLost,
            lostUpdates + " of " + r.counter(Counter.UPDATES_EXPECTED),
            lostUpdates <= maxLost));
    if (presence) {
      long lostPresence = r.counter(Counter.PRESENCE_LOST);
      checks.add(
          new Check(
              "presence states lost",
              "<= " + maxLost,
              lostPresence + " of " + r.counter(Counter.PRESENCE_EXPECTED),
              lostPresence <= maxLost));
    }
    double rate = errorRate(r);
    checks.add(
        new Check(
            "connection errors (failed + dropped users)",
            "< " + fmt(maxErrorRate * 100) + "%",
            fmt(rate * 100) + "% (" + errors(r) + " of " + r.counter(Counter.USERS_STARTED) + ")",
            rate < maxErrorRate || errors(r) == 0));
    long decodeErrors = r.counter(Counter.DECODE_ERRORS);
    checks.add(
        new Check("undecodable frames", "0", Long.toString(decodeErrors), decodeErrors == 0));
    checks.add(
        new Check(
            "processes alive at the end",
            "all",
            deadServers.isEmpty() ? "all" : "died: " + String.join(", ", deadServers),
            deadServers.isEmpty()));
    return new Verdict(checks);
  }

  static long errors(RunResults r) {
    return r.counter(Counter.USERS_FAILED) + r.counter(Counter.USERS_DROPPED);
  }

  /** Users that failed to connect and sync, or dropped later, over users started. */
  public static double errorRate(RunResults r) {
    long started = r.counter(Counter.USERS_STARTED);
    return started == 0 ? 1 : (double) errors(r) / started;
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    return String.format(java.util.Locale.ROOT, "%.2f", v);
  }
}
