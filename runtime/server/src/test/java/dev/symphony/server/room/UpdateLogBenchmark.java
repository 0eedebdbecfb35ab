package dev.symphony.server.room;

import dev.symphony.server.protocol.YMessage;
import dev.symphony.server.store.FileUpdateLog;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.UpdateLog;
import dev.symphony.yjs.YDoc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the update log on a room's update path (JMH, log off and on in one run): a fresh room
 * with a writer and two receivers applies {@value #UPDATES} real single-character updates, each
 * applied to the document, appended to the log (when on) and fanned out. The time is the room
 * thread's; syncing to disk happens on the log's writer thread and is not waited for, exactly as
 * the server does not wait for it before broadcasting. Run it with {@code UpdateLogBenchmarkTest}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@Fork(value = 1)
@State(Scope.Benchmark)
public class UpdateLogBenchmark {
  static final int UPDATES = 20_000;
  private static final String ROOM = "bench";

  @Param({"off", "on"})
  public String updateLog;

  private List<YMessage> edits;
  private RoomFixture rooms;
  private Connection writer;
  private FileUpdateLog log;
  private Path logDir;

  /** Takes what the room sends and drops it, as a socket that is always writable. */
  private static final class DiscardingConnection implements Connection {
    @Override
    public String remoteAddress() {
      return "bench";
    }

    @Override
    public void send(OutboundMessage message) {
      message.retainedBuffer().release();
    }

    @Override
    public void close(int closeCode, String reason) {}

    @Override
    public void joined() {}
  }

  /** One typed character per update, as an editor sends them. */
  @Setup(Level.Trial)
  public void recordEdits() {
    YDoc doc = new YDoc(7);
    edits = new ArrayList<>(UPDATES);
    doc.onUpdate(update -> edits.add(new YMessage.SyncUpdate(update)));
    for (int i = 0; i < UPDATES; i++) {
      doc.getText("t").insert(i, String.valueOf((char) ('a' + i % 26)));
    }
  }

  @Setup(Level.Iteration)
  public void freshRoom() throws Exception {
    rooms = new RoomFixture(new MemoryDocumentStore(), RoomSettings.defaults());
    if ("on".equals(updateLog)) {
      logDir = Files.createTempDirectory("symphony-bench-log");
      log = FileUpdateLog.open(logDir, Duration.ofMillis(10), 64L << 20);
      rooms.storage.withUpdateLog(log);
    } else {
      rooms.storage.withUpdateLog(UpdateLog.NONE);
    }
    writer = new DiscardingConnection();
    rooms.registry.join(ROOM, writer);
    rooms.registry.join(ROOM, new DiscardingConnection());
    rooms.registry.join(ROOM, new DiscardingConnection());
    rooms.executor.runPending();
  }

  @Benchmark
  @OperationsPerInvocation(UPDATES)
  public void applyUpdates() {
    for (YMessage edit : edits) {
      rooms.registry.deliver(ROOM, writer, edit);
      rooms.executor.runPending();
    }
  }

  @TearDown(Level.Iteration)
  public void closeLog() throws Exception {
    if (log != null) {
      log.close(); // writes and syncs what is queued
      try (Stream<Path> files = Files.walk(logDir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
      log = null;
    }
  }
}
