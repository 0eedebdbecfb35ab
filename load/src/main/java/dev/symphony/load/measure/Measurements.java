package dev.symphony.load.measure;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Everything one load-generator JVM measures, shared by all its virtual users (which run on several
 * Netty event loops, so every recording is thread-safe and wait-free: LongAdders and HdrHistogram
 * Recorders). {@link #sample} closes an interval for the timeline; {@link #results} the run.
 */
public final class Measurements {

  private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
  private final Recorder updateLatency = newRecorder();
  private final Recorder presenceLatency = newRecorder();
  private final Recorder updateSteady = newRecorder();
  private final Recorder presenceSteady = newRecorder();
  private final Recorder syncTime = newRecorder();
  private final Recorder generatorLag = newRecorder();

  private final Histogram updateTotal = Histograms.newMicros();
  private final Histogram presenceTotal = Histograms.newMicros();
  private final Histogram updateSteadyTotal = Histograms.newMicros();
  private final Histogram presenceSteadyTotal = Histograms.newMicros();
  private final Histogram syncTotal = Histograms.newMicros();
  private final Histogram lagTotal = Histograms.newMicros();
  private final List<TimelinePoint> timeline = new ArrayList<>();
  private final long startMillis;
  private final long steadyFromMicros;

  /** Measurements of a run without a ramp: every delivery counts as steady state. */
  public Measurements(long startMillis) {
    this(startMillis, 0);
  }

  /**
   * @param steadyFromMicros when the judged window opens (epoch µs; the ramp's end plus the settle
   *     period): deliveries received from then on are the steady state the SLO judges; the whole
   *     run is kept as well
   */
  public Measurements(long startMillis, long steadyFromMicros) {
    this.startMillis = startMillis;
    this.steadyFromMicros = steadyFromMicros;
    for (Counter c : Counter.values()) {
      counters.put(c, new LongAdder());
    }
  }

  private static Recorder newRecorder() {
    return new Recorder(Histograms.HIGHEST_MICROS, Histograms.DIGITS);
  }

  public void add(Counter counter, long delta) {
    counters.get(counter).add(delta);
  }

  public void increment(Counter counter) {
    counters.get(counter).increment();
  }

  public long get(Counter counter) {
    return counters.get(counter).sum();
  }

  /** Fan-out latency of one document update: receive time minus the send time in its stamp. */
  public void recordUpdateLatency(long sentMicros, long receivedMicros) {
    long micros = clamp(receivedMicros - sentMicros);
    updateLatency.recordValue(micros);
    if (receivedMicros >= steadyFromMicros) {
      updateSteady.recordValue(micros);
    }
  }

  public void recordPresenceLatency(long sentMicros, long receivedMicros) {
    long micros = clamp(receivedMicros - sentMicros);
    presenceLatency.recordValue(micros);
    if (receivedMicros >= steadyFromMicros) {
      presenceSteady.recordValue(micros);
    }
  }

  /** Time from opening the socket to the initial sync step 2. */
  public void recordSyncTime(long micros) {
    syncTime.recordValue(clamp(micros));
  }

  /**
   * How late a timer thread in the generator woke up: when the generator's core is overloaded (by
   * itself or other processes), every latency it measures includes this.
   */
  public void recordGeneratorLag(long micros) {
    generatorLag.recordValue(clamp(micros));
  }

  private static long clamp(long micros) {
    return Math.max(0, Math.min(micros, Histograms.HIGHEST_MICROS));
  }

  /** Closes the current interval: folds it into the totals and appends a timeline point. */
  public synchronized TimelinePoint sample(long nowMillis) {
    Histogram updates = updateLatency.getIntervalHistogram();
    Histogram presence = presenceLatency.getIntervalHistogram();
    updateTotal.add(updates);
    presenceTotal.add(presence);
    updateSteadyTotal.add(updateSteady.getIntervalHistogram());
    presenceSteadyTotal.add(presenceSteady.getIntervalHistogram());
    syncTotal.add(syncTime.getIntervalHistogram());
    lagTotal.add(generatorLag.getIntervalHistogram());
    TimelinePoint point =
        new TimelinePoint(
            (nowMillis - startMillis) / 1000.0,
            get(Counter.USERS_SYNCED) - get(Counter.USERS_DROPPED),
            updates.getTotalCount(),
            LatencySummary.of(updates).p99(),
            presence.getTotalCount(),
            LatencySummary.of(presence).p99());
    timeline.add(point);
    return point;
  }

  /** The run so far, after closing the current interval. */
  public synchronized RunResults results(RunResults.Setup setup, long nowMillis) {
    TimelinePoint last = sample(nowMillis);
    if (timeline.size() > 1 && isEmptySliverAfter(timeline.get(timeline.size() - 2), last)) {
      timeline.remove(timeline.size() - 1); // its counts are in the totals already
    }
    Map<String, Long> totals = new java.util.LinkedHashMap<>();
    counters.forEach((c, v) -> totals.put(c.name(), v.sum()));
    return new RunResults(
        setup,
        startMillis,
        nowMillis,
        totals,
        Histograms.encode(updateSteadyTotal),
        Histograms.encode(presenceSteadyTotal),
        Histograms.encode(updateTotal),
        Histograms.encode(presenceTotal),
        Histograms.encode(syncTotal),
        Histograms.encode(lagTotal),
        List.copyOf(timeline));
  }

  /**
   * The run often ends just after a periodic sample; the sliver of an interval that closes it then
   * holds nothing, and a timeline row of zeros would read as a stall. A longer quiet interval is a
   * stall, and stays.
   */
  private static boolean isEmptySliverAfter(TimelinePoint previous, TimelinePoint last) {
    return last.atSeconds() - previous.atSeconds() < 1
        && last.updates() == 0
        && last.presence() == 0
        && last.connectedUsers() == previous.connectedUsers();
  }

  /**
   * One interval of the run: connected users at its end, and the fan-out deliveries recorded in it
   * with their p99 in milliseconds.
   */
  public record TimelinePoint(
      double atSeconds,
      long connectedUsers,
      long updates,
      double updateP99Ms,
      long presence,
      double presenceP99Ms) {}
}
