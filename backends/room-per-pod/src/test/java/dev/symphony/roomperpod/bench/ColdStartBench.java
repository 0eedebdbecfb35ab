package dev.symphony.roomperpod.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.roomperpod.orchestrator.StartObserver;
import dev.symphony.roomperpod.orchestrator.local.LocalProcessOrchestrator;
import dev.symphony.roomperpod.orchestrator.local.LocalProcessSettings;
import dev.symphony.roomperpod.orchestrator.local.RoomCommand;
import dev.symphony.roomperpod.room.RoomProcessMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold start of the local-process orchestrator: {@code ensure} of a new room to its process
 * answering {@code /readyz}, one room at a time, each stopped before the next; and where the time
 * goes (a bare JVM running an empty main on the same class path, the room process's own timings).
 * Opt-in:
 *
 * <pre>
 * ./mvnw -B -ntp -o verify -pl backends/room-per-pod -am -Dtest=ColdStartBench \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dsymphony.bench.coldstart.starts=50 \
 *   [-Dsymphony.bench.coldstart.jvm="-XX:TieredStopAtLevel=1 -Xshare:auto"]
 * </pre>
 */
@EnabledIfSystemProperty(named = "symphony.bench.coldstart.starts", matches = "\\d+")
class ColdStartBench {

  private static final Pattern TIMING =
      Pattern.compile("jvm-to-start=(\\d+) ms single-node-start=(\\d+) ms classes=(\\d+)");

  @TempDir Path dataDir;

  /** A JVM that does nothing: the floor of any room process's start. */
  public static final class EmptyMain {
    public static void main(String[] args) {}
  }

  @Test
  void coldStart() throws Exception {
    int starts = Integer.getInteger("symphony.bench.coldstart.starts");
    List<String> jvm = jvmOptions();
    List<Double> coldStarts = new ArrayList<>();
    StartObserver observer =
        new StartObserver() {
          @Override
          public void started(String roomId, Duration coldStart) {
            coldStarts.add(coldStart.toNanos() / 1e6);
          }

          @Override
          public void failed(String roomId, Throwable cause) {}
        };
    RoomCommand command =
        (roomId, host, port, dir, parent) -> {
          List<String> line =
              new ArrayList<>(RoomCommand.sameJvm(jvm, RoomProcessMain.class.getName()));
          line.addAll(
              List.of(
                  "--room",
                  roomId,
                  "--host",
                  host,
                  "--port",
                  Integer.toString(port),
                  "--data-dir",
                  dir.toString(),
                  "--parent-pid",
                  Long.toString(parent)));
          return line;
        };
    Path rooms = dataDir.resolve("rooms");
    List<Double> jvmToStart = new ArrayList<>();
    List<Double> singleNodeStart = new ArrayList<>();
    List<Double> classes = new ArrayList<>();
    List<Double> emptyJvm = new ArrayList<>();
    try (LocalProcessOrchestrator orchestrator =
        new LocalProcessOrchestrator(
            new LocalProcessSettings(rooms, "127.0.0.1", command, Duration.ofSeconds(30)),
            observer)) {
      for (int i = 0; i < starts; i++) {
        String room = "cold-" + i;
        var backend = orchestrator.ensure(room, Duration.ofSeconds(60)).get(90, TimeUnit.SECONDS);
        orchestrator.stop(room).get(60, TimeUnit.SECONDS);
        Matcher m =
            TIMING.matcher(
                Files.readString(rooms.resolve(backend.name()).resolve("room-process.log")));
        assertThat(m.find()).as("timing line of %s", room).isTrue();
        jvmToStart.add(Double.parseDouble(m.group(1)));
        singleNodeStart.add(Double.parseDouble(m.group(2)));
        classes.add(Double.parseDouble(m.group(3)));
        emptyJvm.add(emptyJvmMillis(jvm));
      }
    }
    double load =
        Files.readString(Path.of("/proc/loadavg")).split(" ").length > 0
            ? Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0])
            : -1;
    System.out.printf(
        Locale.ROOT,
        "%nCOLD START local-process, %d starts, JVM options %s, %d CPUs, load %.1f%n"
            + "  request to ready:       %s%n"
            + "  empty JVM (same cp):    %s%n"
            + "  JVM launch to start():  %s%n"
            + "  single-node start:      %s%n"
            + "  classes loaded:         %s%n",
        starts,
        jvm,
        Runtime.getRuntime().availableProcessors(),
        load,
        summary(coldStarts, "ms"),
        summary(emptyJvm, "ms"),
        summary(jvmToStart, "ms"),
        summary(singleNodeStart, "ms"),
        summary(classes, ""));
    assertThat(coldStarts).hasSize(starts);
  }

  private static double emptyJvmMillis(List<String> jvm) throws IOException, InterruptedException {
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(RoomCommand.sameJvm(jvm, EmptyMain.class.getName()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(process.waitFor()).isZero();
    return (System.nanoTime() - started) / 1e6;
  }

  private static List<String> jvmOptions() {
    String options = System.getProperty("symphony.bench.coldstart.jvm", "").strip();
    return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
  }

  private static String summary(List<Double> values, String unit) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format(
        Locale.ROOT,
        "median %.0f%s  p95 %.0f%s  min %.0f%s  max %.0f%s",
        percentile(sorted, 50),
        unit,
        percentile(sorted, 95),
        unit,
        sorted[0],
        unit,
        sorted[sorted.length - 1],
        unit);
  }

  /** Nearest-rank percentile. */
  private static double percentile(double[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
