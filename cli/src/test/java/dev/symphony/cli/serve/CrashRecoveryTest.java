package dev.symphony.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import dev.symphony.client.RoomClient.ClientOptions;
import dev.symphony.yjs.YDoc;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of the update log: a writer sends numbered updates at a steady rate into a room of
 * a {@code symphony serve} process, which is killed with SIGKILL at random moments and restarted on
 * the same data directory. After each restart a fresh client loads the room: every update sent on
 * an open connection more than 100 ms before the kill must be there.
 *
 * <p>Each round: start the server, verify everything sent so far, write with a new client (so a
 * writer never re-sends what the server lost), kill. Checkpoints every second in half of the
 * rounds, so kills also land between a snapshot and the release of the log. {@code
 * -Dsymphony.crash.kills} sets the number of kill points (default 20).
 */
class CrashRecoveryTest {

  private static final String ROOM = "crash-room";
  private static final Duration WRITE_PERIOD = Duration.ofMillis(20); // 50 updates per second
  private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** The server starts 21 times: a JVM that skips the optimising compiler starts sooner. */
  private static final List<String> FAST_START =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

  /** One numbered update: its key in the map, when it was sent, whether the link was open. */
  private record Sent(String key, long sentNanos, boolean onOpenConnection) {}

  /** Updates the server must hold: sent on an open connection more than 100 ms before a kill. */
  private final List<Sent> required = new ArrayList<>();

  /** Every update sent before the last kill, and when that kill came: for the loss window. */
  private List<Sent> sentBeforeLastKill = List.of();

  private long lastKillNanos;
  private long largestLossWindowNanos;
  private int lostInAll;
  private int lost;

  @TempDir Path temp;

  @Test
  void noUpdateReceivedMoreThan100MsBeforeAKillIsLost() throws Exception {
    int kills = Integer.getInteger("symphony.crash.kills", 20);
    long seed = Long.getLong("symphony.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Path data = temp.resolve("data");
    int sent = 0;
    for (int round = 0; round <= kills; round++) {
      String checkpoints = round % 2 == 0 ? "30s" : "1s";
      try (ServeProcess server =
          ServeProcess.start(
              FAST_START, data, "--checkpoint-interval=" + checkpoints, "--grace=2s")) {
        URI url = URI.create(server.awaitListening());
        verify(url, round, server);
        if (round == kills) {
          server.terminate(Duration.ofSeconds(60));
          break;
        }
        long writeMillis = 200 + random.nextInt(800);
        int sentThisRound = writeUntilKilled(url, round, writeMillis, server);
        sent += sentThisRound;
        System.out.printf(
            "crash test round %d: killed after %d ms of writing (%d updates sent)%n",
            round, writeMillis, sentThisRound);
      }
    }
    System.out.printf(
        "crash test: %d kill points, %d updates sent, %d required (sent > 100 ms before a kill),"
            + " %d of them lost; %d updates lost in all; largest loss window %.1f ms (seed %d)%n",
        kills, sent, required.size(), lost, lostInAll, largestLossWindowNanos / 1e6, seed);
    assertThat(lost).as("updates lost (seed %d)", seed).isZero();
  }

  /** A fresh client loads the room; every required update so far must be in it. */
  private void verify(URI url, int round, ServeProcess server) throws Exception {
    Set<String> present;
    try (RoomClient reader = RoomClient.connect(url, ROOM)) {
      try {
        reader.synced().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("reader could not sync; server output:\n" + server.output(), e);
      }
      present = reader.read(doc -> Set.copyOf(doc.getMap("n").keys())).get(10, TimeUnit.SECONDS);
    }
    for (Sent update : required) {
      if (!present.contains(update.key())) {
        lost++;
        System.out.printf("round %d: lost %s%n", round, update.key());
      }
    }
    // The loss window of the last kill: how long before it the oldest missing update was sent.
    for (Sent update : sentBeforeLastKill) {
      if (!present.contains(update.key())) {
        lostInAll++;
        largestLossWindowNanos =
            Math.max(largestLossWindowNanos, lastKillNanos - update.sentNanos());
      }
    }
    sentBeforeLastKill = List.of();
    assertThat(lost)
        .as("updates lost after restart %d; server output:\n%s", round, server.output())
        .isZero();
  }

  /**
   * Sends one update every 20 ms for {@code millis}, then kills the server mid-stream; returns how
   * many updates were sent.
   */
  private int writeUntilKilled(URI url, int round, long millis, ServeProcess server)
      throws Exception {
    List<Sent> sent = new ArrayList<>();
    ClientOptions options = ClientOptions.defaults().withAutoReconnect(false);
    RoomClient writer = RoomClient.connect(url, ROOM, new YDoc(), options);
    try {
      writer.synced().get(60, TimeUnit.SECONDS);
      long start = System.nanoTime();
      long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
      long next = start;
      Thread killer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    sleepUntil(end);
                    killAndRecord(server, sent);
                  });
      for (int i = 0; System.nanoTime() < end + TimeUnit.MILLISECONDS.toNanos(100); i++) {
        String key = "r" + round + "-" + i;
        boolean open = writer.status() == RoomClient.Status.SYNCED;
        writer.change(doc -> doc.getMap("n").set(key, (double) 0)).get(10, TimeUnit.SECONDS);
        synchronized (sent) {
          sent.add(new Sent(key, System.nanoTime(), open));
        }
        next += WRITE_PERIOD.toNanos();
        sleepUntil(next);
      }
      killer.join();
      return sent.size();
    } finally {
      writer.close();
    }
  }

  /** Kills the server and records which of the updates sent so far it must have kept. */
  private void killAndRecord(ServeProcess server, List<Sent> sent) {
    long killNanos;
    List<Sent> before;
    synchronized (sent) {
      killNanos = System.nanoTime();
      before = List.copyOf(sent);
    }
    try {
      server.kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Sent update : before) {
      if (update.onOpenConnection() && update.sentNanos() < killNanos - GRACE_NANOS) {
        required.add(update);
      }
    }
    sentBeforeLastKill = before;
    lastKillNanos = killNanos;
  }

  private static void sleepUntil(long nanoTime) {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
