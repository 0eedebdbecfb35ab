package dev.symphony.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUpdateLogTest {
  private static final Duration FLUSH = Duration.ofMillis(10);

  @TempDir Path dir;

  private static byte[] update(int n) {
    return ("update-" + n).getBytes();
  }

  private static List<String> texts(List<byte[]> updates) {
    return updates.stream().map(String::new).toList();
  }

  private FileUpdateLog open() throws IOException {
    return FileUpdateLog.open(dir, FLUSH, 64 * 1024);
  }

  private static void awaitAll(List<CompletableFuture<Void>> futures) throws Exception {
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
  }

  @Test
  void appendedUpdatesAreDurableAndReadBackInOrderPerRoom() throws Exception {
    try (FileUpdateLog log = open()) {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        writes.add(log.append("a", update(i)));
        writes.add(log.append("b", update(100 + i)));
      }
      awaitAll(writes);
      assertThat(texts(log.pending("a")))
          .containsExactly("update-0", "update-1", "update-2", "update-3", "update-4");
      assertThat(texts(log.pending("b"))).hasSize(5).first().isEqualTo("update-100");
      assertThat(log.roomsWithPending()).containsExactlyInAnyOrder("a", "b");
      assertThat(log.pending("nobody")).isEmpty();
    }
  }

  @Test
  void whatWasAcknowledgedSurvivesACrash() throws Exception {
    Path copy = dir.resolveSibling(dir.getFileName() + "-crash");
    try (FileUpdateLog log = open()) {
      awaitAll(List.of(log.append("room", update(1)), log.append("room", update(2))));
      // Copying the files now is what a machine that loses power at this moment leaves behind.
      copyDirectory(dir, copy);
    }
    try (FileUpdateLog recovered = FileUpdateLog.open(copy, FLUSH, 64 * 1024)) {
      assertThat(texts(recovered.pending("room"))).containsExactly("update-1", "update-2");
      awaitAll(List.of(recovered.append("room", update(3))));
      assertThat(texts(recovered.pending("room")))
          .containsExactly("update-1", "update-2", "update-3");
    }
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

  @Test
  void checkpointedUpdatesAreForgottenAcrossRestarts() throws Exception {
    try (FileUpdateLog log = open()) {
      awaitAll(List.of(log.append("room", update(1)), log.append("room", update(2))));
      long mark = log.mark("room");
      CompletableFuture<Void> later = log.append("room", update(3)); // after the snapshot was taken
      log.checkpointed("room", mark);
      later.get(5, TimeUnit.SECONDS);
      assertThat(texts(log.pending("room"))).containsExactly("update-3");
    }
    try (FileUpdateLog reopened = open()) {
      assertThat(texts(reopened.pending("room"))).containsExactly("update-3");
      reopened.checkpointed("room", reopened.mark("room"));
      assertThat(reopened.roomsWithPending()).isEmpty();
    }
    try (FileUpdateLog again = open()) {
      assertThat(again.roomsWithPending()).isEmpty();
    }
  }

  @Test
  void aCheckpointThatOvertakesTheWriterStillReleasesTheRecordsInFlight() throws Exception {
    // A long flush interval keeps the writer asleep while "update-3" waits in its queue.
    try (FileUpdateLog log = FileUpdateLog.open(dir, Duration.ofSeconds(3), 64 * 1024)) {
      awaitAll(List.of(log.append("room", update(1))));
      CompletableFuture<Void> second = log.append("room", update(2));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (log.pending("room").size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(1); // written (indexed), and the writer now waits out the interval
      }
      CompletableFuture<Void> inFlight = log.append("room", update(3));
      long mark = log.mark("room"); // a snapshot holding all three
      log.checkpointed("room", mark);
      awaitAll(List.of(second, inFlight));
      assertThat(log.pending("room")).isEmpty();
      assertThat(log.roomsWithPending()).isEmpty();
    }
    try (FileUpdateLog reopened = open()) {
      assertThat(reopened.roomsWithPending()).isEmpty();
    }
  }

  @Test
  void aCheckpointOfRecordsAllInFlightIsRememberedAcrossRestarts() throws Exception {
    try (FileUpdateLog log = FileUpdateLog.open(dir, Duration.ofSeconds(3), 64 * 1024)) {
      awaitAll(List.of(log.append("other", update(0))));
      CompletableFuture<Void> filler = log.append("other", update(1));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (log.pending("other").size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(1); // written, and the writer now waits out the interval
      }
      CompletableFuture<Void> first = log.append("room", update(1)); // queued, not yet written
      log.checkpointed("room", log.mark("room"));
      awaitAll(List.of(filler, first));
      assertThat(log.roomsWithPending()).containsExactly("other");
    }
    try (FileUpdateLog reopened = open()) {
      assertThat(reopened.roomsWithPending()).containsExactly("other");
    }
  }

  @Test
  void aTornRecordAtTheEndIsDroppedAndTheRestLoads() throws Exception {
    try (FileUpdateLog log = open()) {
      awaitAll(List.of(log.append("room", update(1)), log.append("room", update(2))));
    }
    Path last = segmentFiles().getLast();
    long size = Files.size(last);
    try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
      channel.truncate(size - 3); // the second record's last bytes never reached the disk
    }
    try (FileUpdateLog log = open()) {
      assertThat(texts(log.pending("room"))).containsExactly("update-1");
      awaitAll(List.of(log.append("room", update(3))));
      assertThat(texts(log.pending("room"))).containsExactly("update-1", "update-3");
    }
    try (FileUpdateLog log = open()) {
      assertThat(texts(log.pending("room"))).containsExactly("update-1", "update-3");
    }
  }

  @Test
  void garbageAfterTheLastRecordIsDropped() throws Exception {
    try (FileUpdateLog log = open()) {
      awaitAll(List.of(log.append("room", update(1))));
    }
    Path last = segmentFiles().getLast();
    Files.write(last, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 9, 9}, StandardOpenOption.APPEND);
    try (FileUpdateLog log = open()) {
      assertThat(texts(log.pending("room"))).containsExactly("update-1");
    }
  }

  @Test
  void aDamagedRecordIsNeverReturnedAsAnUpdate() throws Exception {
    try (FileUpdateLog log = open()) {
      awaitAll(List.of(log.append("room", update(1)), log.append("room", update(2))));
    }
    Path last = segmentFiles().getLast();
    byte[] bytes = Files.readAllBytes(last);
    bytes[bytes.length - 2] ^= 0x55; // flip bits inside the second record's update
    Files.write(last, bytes);
    try (FileUpdateLog log = open()) {
      assertThat(texts(log.pending("room"))).containsExactly("update-1");
    }
  }

  @Test
  void segmentsRollAndAreDeletedOnceEveryRoomCheckpointed() throws Exception {
    try (FileUpdateLog log = FileUpdateLog.open(dir, Duration.ZERO, 1024)) {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        writes.add(log.append(i % 2 == 0 ? "even" : "odd", new byte[64]));
        if (i % 20 == 0) {
          awaitAll(writes); // separate batches, so segments roll between them
        }
      }
      awaitAll(writes);
      assertThat(segmentFiles().size()).isGreaterThan(3);
      log.checkpointed("even", log.mark("even"));
      assertThat(segmentFiles().size()).as("odd still needs its segments").isGreaterThan(3);
      log.checkpointed("odd", log.mark("odd"));
      assertThat(segmentFiles()).hasSize(1); // the active segment
      assertThat(log.roomsWithPending()).isEmpty();
    }
  }

  @Test
  void concurrentAppendsShareSyncs() throws Exception {
    try (FileUpdateLog log = open()) {
      List<Thread> threads = new ArrayList<>();
      List<CompletableFuture<Void>> writes =
          java.util.Collections.synchronizedList(new ArrayList<>());
      for (int t = 0; t < 4; t++) {
        String room = "room-" + t;
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 0; i < 500; i++) {
                        writes.add(log.append(room, update(i)));
                      }
                    }));
      }
      for (Thread thread : threads) {
        thread.join();
      }
      awaitAll(writes);
      assertThat(log.syncs()).isLessThan(2000);
      for (int t = 0; t < 4; t++) {
        List<String> pending = texts(log.pending("room-" + t));
        assertThat(pending).hasSize(500).startsWith("update-0", "update-1").endsWith("update-499");
      }
    }
  }

  @Test
  void appendsAfterCloseFail() throws Exception {
    FileUpdateLog log = open();
    log.close();
    assertThatThrownBy(() -> log.append("room", update(1)).get())
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("closed");
  }
}
