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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The cost of the update log on the update path: the same stream of real edits applied by a room
 * (apply, log, broadcast to two receivers) with the log off and on, alternating in one run. Reports
 * the room-thread time per update and, with the log on, the time until the last update is synced.
 *
 * <pre>
 * ./mvnw -pl runtime/server test -Dtest=UpdatePathBenchmark -Dsymphony.bench=true \
 *     -Dsymphony.bench.updates=20000 -Dsymphony.bench.rounds=5
 * </pre>
 */
@EnabledIfSystemProperty(named = "symphony.bench", matches = "true")
class UpdatePathBenchmark {

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

  @Test
  void logOnVersusOff() throws Exception {
    int updates = Integer.getInteger("symphony.bench.updates", 20_000);
    int rounds = Integer.getInteger("symphony.bench.rounds", 5);
    List<YMessage> edits = edits(updates);
    double[] off = new double[rounds];
    double[] on = new double[rounds];
    double[] durable = new double[rounds];
    for (int round = -1; round < rounds; round++) { // round -1 warms the JIT up
      double offNanos = run(edits, null)[0];
      Path dir = Files.createTempDirectory("bench-log");
      try (FileUpdateLog log = FileUpdateLog.open(dir, Duration.ofMillis(10), 64L << 20)) {
        double[] onNanos = run(edits, log);
        if (round >= 0) {
          off[round] = offNanos;
          on[round] = onNanos[0];
          durable[round] = onNanos[1];
        }
      }
    }
    double offMedian = median(off);
    double onMedian = median(on);
    System.out.printf(
        "update path (%d updates x %d rounds, median): log off %.2f us/update, log on %.2f"
            + " us/update (ratio on/off %.2f); with the log on the last update was synced after"
            + " %.2f us/update on average%n",
        updates,
        rounds,
        offMedian / 1e3,
        onMedian / 1e3,
        onMedian / offMedian,
        median(durable) / 1e3);
  }

  /** Returns {room-thread ns per update, ns per update until the last one is synced}. */
  private static double[] run(List<YMessage> edits, FileUpdateLog log) throws Exception {
    RoomFixture rooms = new RoomFixture(new MemoryDocumentStore(), RoomSettings.defaults());
    rooms.storage.withUpdateLog(log == null ? UpdateLog.NONE : log);
    Connection writer = new DiscardingConnection();
    rooms.registry.join("bench", writer);
    rooms.registry.join("bench", new DiscardingConnection());
    rooms.registry.join("bench", new DiscardingConnection());
    rooms.executor.runPending();
    long start = System.nanoTime();
    for (YMessage edit : edits) {
      rooms.registry.deliver("bench", writer, edit);
      rooms.executor.runPending();
    }
    long applied = System.nanoTime() - start;
    long synced = applied;
    if (log != null) {
      // The log keeps queue order: once this is synced, every update before it is too.
      log.append("bench-sentinel", new byte[] {0}).get(60, TimeUnit.SECONDS);
      synced = System.nanoTime() - start;
    }
    return new double[] {(double) applied / edits.size(), (double) synced / edits.size()};
  }

  /** One typed character per update, as an editor sends them. */
  private static List<YMessage> edits(int count) throws Exception {
    YDoc doc = new YDoc();
    List<YMessage> edits = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] before = doc.encodeStateVector();
      doc.getText("t").insert(doc.getText("t").length(), String.valueOf((char) ('a' + i % 26)));
      edits.add(new YMessage.SyncUpdate(doc.encodeStateAsUpdate(before)));
    }
    return edits;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
