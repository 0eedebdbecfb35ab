package dev.symphony.load.measure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one load-generator JVM measured, written as JSON at the end of its simulation and merged
 * with the other JVMs' by the orchestrator. Histograms travel as base64 HdrHistogram encodings so
 * percentiles of the merged run are exact, not averages of percentiles.
 */
public record RunResults(
    Setup setup,
    long startedAtMillis,
    long finishedAtMillis,
    Map<String, Long> counters,
    String updateLatency,
    String presenceLatency,
    String updateLatencyWholeRun,
    String presenceLatencyWholeRun,
    String syncTime,
    String generatorLag,
    List<Measurements.TimelinePoint> timeline) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The load this JVM generated. */
  public record Setup(
      String protocol,
      List<String> targets,
      int users,
      int usersPerRoom,
      double updatesPerSecond,
      double presencePerSecond,
      double sendSeconds) {}

  /** A run that produced no measurements (its load generator failed): every count is zero. */
  public static RunResults nothing(dev.symphony.load.simulation.SimulationSettings sim, int users) {
    Histogram empty = Histograms.newMicros();
    String encoded = Histograms.encode(empty);
    long now = System.currentTimeMillis();
    return new RunResults(
        new Setup(
            sim.protocol().id(),
            sim.targets(),
            users,
            sim.profile().usersPerRoom(),
            sim.profile().updatesPerSecond(),
            sim.profile().presencePerSecond(),
            0),
        now,
        now,
        Map.of(),
        encoded,
        encoded,
        encoded,
        encoded,
        encoded,
        encoded,
        List.of());
  }

  public long counter(Counter counter) {
    return counters.getOrDefault(counter.name(), 0L);
  }

  public LatencySummary updates() {
    return LatencySummary.of(Histograms.decode(updateLatency));
  }

  public LatencySummary presence() {
    return LatencySummary.of(Histograms.decode(presenceLatency));
  }

  /** Update fan-out over the whole run, ramp included (the SLO judges {@link #updates}). */
  public LatencySummary updatesWholeRun() {
    return LatencySummary.of(Histograms.decode(updateLatencyWholeRun));
  }

  public LatencySummary presenceWholeRun() {
    return LatencySummary.of(Histograms.decode(presenceLatencyWholeRun));
  }

  public LatencySummary sync() {
    return LatencySummary.of(Histograms.decode(syncTime));
  }

  public LatencySummary lag() {
    return LatencySummary.of(Histograms.decode(generatorLag));
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), this);
  }

  public static RunResults read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), RunResults.class);
  }

  /**
   * The results of several JVMs that ran parts of one run (disjoint rooms): counters and histograms
   * add up, users add up, the timeline is joined by time.
   */
  public static RunResults merge(List<RunResults> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Map<String, Long> counters = new LinkedHashMap<>();
    Histogram updates = Histograms.newMicros();
    Histogram presence = Histograms.newMicros();
    Histogram updatesAll = Histograms.newMicros();
    Histogram presenceAll = Histograms.newMicros();
    Histogram sync = Histograms.newMicros();
    Histogram lag = Histograms.newMicros();
    long started = Long.MAX_VALUE;
    long finished = 0;
    int users = 0;
    List<String> targets = new ArrayList<>();
    TreeMap<Long, List<Measurements.TimelinePoint>> bySecond = new TreeMap<>();
    for (RunResults part : parts) {
      part.counters.forEach((k, v) -> counters.merge(k, v, Long::sum));
      updates.add(Histograms.decode(part.updateLatency));
      presence.add(Histograms.decode(part.presenceLatency));
      updatesAll.add(Histograms.decode(part.updateLatencyWholeRun));
      presenceAll.add(Histograms.decode(part.presenceLatencyWholeRun));
      sync.add(Histograms.decode(part.syncTime));
      lag.add(Histograms.decode(part.generatorLag));
      started = Math.min(started, part.startedAtMillis);
      finished = Math.max(finished, part.finishedAtMillis);
      users += part.setup.users();
      part.setup.targets().stream().filter(t -> !targets.contains(t)).forEach(targets::add);
      for (Measurements.TimelinePoint p : part.timeline) {
        long absoluteSecond = Math.round((part.startedAtMillis / 1000.0) + p.atSeconds());
        bySecond.computeIfAbsent(absoluteSecond, s -> new ArrayList<>()).add(p);
      }
    }
    List<Measurements.TimelinePoint> timeline = new ArrayList<>();
    long startSecond = Math.round(started / 1000.0);
    bySecond.forEach(
        (second, points) ->
            timeline.add(
                new Measurements.TimelinePoint(
                    second - startSecond,
                    points.stream().mapToLong(Measurements.TimelinePoint::connectedUsers).sum(),
                    points.stream().mapToLong(Measurements.TimelinePoint::updates).sum(),
                    points.stream()
                        .mapToDouble(Measurements.TimelinePoint::updateP99Ms)
                        .max()
                        .orElse(0),
                    points.stream().mapToLong(Measurements.TimelinePoint::presence).sum(),
                    points.stream()
                        .mapToDouble(Measurements.TimelinePoint::presenceP99Ms)
                        .max()
                        .orElse(0))));
    Setup first = parts.get(0).setup;
    Setup setup =
        new Setup(
            first.protocol(),
            targets,
            users,
            first.usersPerRoom(),
            first.updatesPerSecond(),
            first.presencePerSecond(),
            first.sendSeconds());
    return new RunResults(
        setup,
        started,
        finished,
        counters,
        Histograms.encode(updates),
        Histograms.encode(presence),
        Histograms.encode(updatesAll),
        Histograms.encode(presenceAll),
        Histograms.encode(sync),
        Histograms.encode(lag),
        timeline);
  }
}
