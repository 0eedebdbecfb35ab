package dev.symphony.load.run;

import dev.symphony.load.LoadProfile;
import dev.symphony.load.measure.RunResults;
import dev.symphony.load.simulation.SimulationSettings;
import dev.symphony.load.simulation.YjsRoomsSimulation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the simulation in one or more separate Gatling JVMs (several when one process could not hold
 * all sockets: a process may have at most 20,000 open files here), each simulating whole rooms,
 * pinned to the load generator's cores.
 */
public final class GatlingJvms {

  /** JVM options the Gatling Maven plugin uses too (Gatling reads String internals). */
  static final List<String> GATLING_JVM_OPTIONS =
      List.of(
          "-server",
          "-XX:+HeapDumpOnOutOfMemoryError",
          "-XX:MaxInlineLevel=20",
          "-XX:MaxTrivialSize=12",
          "--add-opens=java.base/java.lang=ALL-UNNAMED");

  /** What one JVM of a run produced. */
  public record Part(int index, Path resultsJson, Path reportDir, Path log, int exitCode) {}

  private GatlingJvms() {}

  /**
   * Splits {@code users} into at most {@code maxUsersPerJvm} per JVM, at room boundaries, with at
   * least {@code minJvms} JVMs (when there are rooms enough).
   */
  public static List<SimulationSettings> split(
      SimulationSettings whole, int minJvms, int maxUsersPerJvm) {
    int users = whole.profile().users();
    int perRoom = whole.profile().usersPerRoom();
    int rooms = whole.profile().rooms();
    int jvms = Math.max(minJvms, (users + maxUsersPerJvm - 1) / maxUsersPerJvm);
    jvms = Math.max(1, Math.min(jvms, rooms));
    int roomsPerJvm = (rooms + jvms - 1) / jvms;
    List<long[]> ranges = new ArrayList<>(); // {offset, count}
    for (int k = 0; k * roomsPerJvm < rooms; k++) {
      long offset = whole.userOffset() + (long) k * roomsPerJvm * perRoom;
      long count = Math.min(users - (offset - whole.userOffset()), (long) roomsPerJvm * perRoom);
      ranges.add(new long[] {offset, count});
    }
    // a last part smaller than one room (a partial last room) joins the part before it
    if (ranges.size() > 1 && ranges.get(ranges.size() - 1)[1] < perRoom) {
      long[] last = ranges.remove(ranges.size() - 1);
      ranges.get(ranges.size() - 1)[1] += last[1];
    }
    List<SimulationSettings> parts = new ArrayList<>();
    for (int k = 0; k < ranges.size(); k++) {
      Path results =
          ranges.size() == 1
              ? whole.results()
              : whole
                  .results()
                  .resolveSibling(stripJson(whole.results().getFileName()) + "-jvm" + k + ".json");
      parts.add(
          new SimulationSettings(
              whole.targets(),
              whole.protocol(),
              new LoadProfile(
                  (int) ranges.get(k)[1],
                  perRoom,
                  whole.profile().updatesPerSecond(),
                  whole.profile().presencePerSecond()),
              ranges.get(k)[0],
              whole.ramp(),
              whole.settle(),
              whole.duration(),
              whole.drain(),
              whole.syncTimeout(),
              whole.roomPrefix(),
              whole.spread(),
              whole.updatePadding(),
              whole.seed(),
              results));
    }
    return parts;
  }

  private static String stripJson(Path name) {
    String n = name.toString();
    return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
  }

  /**
   * Starts every part at once, waits for all (bounded by the run's length plus slack), returns the
   * parts in order. A JVM still running at the deadline is killed and reported with exit code -1.
   */
  public static List<Part> run(
      List<SimulationSettings> parts,
      Cpus cpus,
      Path dir,
      List<String> extraJvmOptions,
      String description,
      Consumer<long[]> onStarted)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    // absolute entries: the Gatling JVMs run in the run's folder, not in ours
    String classpath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(e -> Path.of(e).toAbsolutePath().toString())
            .collect(Collectors.joining(File.pathSeparator));
    List<ManagedProcess> processes = new ArrayList<>();
    List<Path> reportDirs = new ArrayList<>();
    try {
      for (int k = 0; k < parts.size(); k++) {
        SimulationSettings part = parts.get(k);
        Path reports = Files.createDirectories(dir.resolve("gatling-jvm" + k));
        reportDirs.add(reports);
        Files.deleteIfExists(part.results());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(GATLING_JVM_OPTIONS);
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(classpath);
        for (Map.Entry<String, String> p : part.toProperties().entrySet()) {
          command.add("-D" + p.getKey() + "=" + p.getValue());
        }
        command.add("io.gatling.app.Gatling");
        command.addAll(List.of("-s", YjsRoomsSimulation.class.getName()));
        command.addAll(List.of("-rf", reports.toAbsolutePath().toString()));
        command.addAll(List.of("-rd", description + (parts.size() > 1 ? " (JVM " + k + ")" : "")));
        processes.add(
            ManagedProcess.start(
                "gatling JVM " + k,
                command,
                dir,
                Map.of(),
                dir.resolve("gatling-jvm" + k + ".log"),
                cpus));
      }
      onStarted.accept(processes.stream().mapToLong(ManagedProcess::pid).toArray());
      SimulationSettings first = parts.get(0);
      Duration limit =
          first
              .ramp()
              .plus(first.settle())
              .plus(first.duration())
              .plus(first.drain())
              .plus(first.syncTimeout().multipliedBy(2))
              .plus(Duration.ofMinutes(3));
      long deadline = System.nanoTime() + limit.toNanos();
      List<Part> out = new ArrayList<>();
      for (int k = 0; k < processes.size(); k++) {
        ManagedProcess p = processes.get(k);
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        OptionalInt status = p.waitFor(left);
        out.add(
            new Part(
                k,
                parts.get(k).results(),
                newestRunDir(reportDirs.get(k)).orElse(reportDirs.get(k)),
                p.log(),
                status.orElse(-1)));
      }
      return out;
    } finally {
      processes.forEach(ManagedProcess::close);
    }
  }

  /** Gatling writes each run to a new folder named after the simulation and a timestamp. */
  static Optional<Path> newestRunDir(Path resultsDir) throws IOException {
    try (Stream<Path> dirs = Files.list(resultsDir)) {
      return dirs.filter(Files::isDirectory).max(Path::compareTo);
    }
  }

  /** Reads the JVMs' result files and merges them; a missing file is an error with its log. */
  public static RunResults results(List<Part> parts) throws IOException {
    List<RunResults> all = new ArrayList<>();
    for (Part p : parts) {
      if (!Files.exists(p.resultsJson())) {
        throw new IOException(
            "Gatling JVM "
                + p.index()
                + " wrote no results (exit "
                + p.exitCode()
                + "); see "
                + p.log());
      }
      all.add(RunResults.read(p.resultsJson()));
    }
    return RunResults.merge(all);
  }
}
