package dev.symphony.server.room;

import static dev.symphony.server.room.RoomFixture.textSeenBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.protocol.YMessage;
import dev.symphony.server.store.FileUpdateLog;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.yjs.YDoc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rooms with a real update log: load = snapshot + log, checkpoints release the log, recovery. */
class RoomUpdateLogTest {

  private static final RoomSettings SETTINGS =
      RoomSettings.defaults()
          .withGrace(Duration.ofSeconds(30))
          .withCheckpointInterval(Duration.ofSeconds(20));

  @TempDir Path dir;

  private final MemoryDocumentStore documents = new MemoryDocumentStore();
  private FileUpdateLog log;

  @AfterEach
  void closeLog() {
    if (log != null) {
      log.close();
    }
  }

  /** A server process on the same storage: a fresh registry with the log reopened from disk. */
  private RoomFixture startProcess() throws Exception {
    log = FileUpdateLog.open(dir, Duration.ofMillis(5), 64 * 1024);
    RoomFixture rooms = new RoomFixture(documents, SETTINGS);
    rooms.storage.withUpdateLog(log);
    return rooms;
  }

  /** Waits until everything handed to the log so far is written (its writer keeps queue order). */
  private void awaitLogged() throws Exception {
    log.append("sentinel", new byte[] {0}).get(10, TimeUnit.SECONDS);
    log.checkpointed("sentinel", log.mark("sentinel"));
  }

  /** Simulates kill -9: the log's files stay as written, nothing is checkpointed on the way out. */
  private void crash() {
    log.close();
    log = null;
  }

  /** A client edit appending {@code text} at the end of text "t", as an update to send. */
  private static YMessage edit(YDoc clientDoc, String text) throws Exception {
    byte[] before = clientDoc.encodeStateVector();
    clientDoc.getText("t").insert(clientDoc.getText("t").length(), text);
    return new YMessage.SyncUpdate(clientDoc.encodeStateAsUpdate(before));
  }

  private String storedText(String roomId) throws Exception {
    YDoc doc = new YDoc();
    doc.applyUpdate(documents.load(roomId).orElseThrow());
    return doc.getText("t").toString();
  }

  @Test
  void aRoomLoadsAsItsSnapshotPlusTheUpdatesLoggedAfterIt() throws Exception {
    RoomFixture first = startProcess();
    YDoc client = new YDoc();
    RecordingConnection ann = first.join("r", "ann");
    first.send("r", ann, edit(client, "stored "));
    first.advance(Duration.ofSeconds(20)); // checkpoint: the snapshot holds "stored "
    first.send("r", ann, edit(client, "logged"));
    awaitLogged();
    crash();
    assertThat(storedText("r")).isEqualTo("stored ");

    RoomFixture second = startProcess();
    assertThat(log.roomsWithPending()).containsExactly("r");
    RecordingConnection bob = second.join("r", "bob");
    second.send("r", bob, new YMessage.SyncStep1(new YDoc().encodeStateVector()));
    assertThat(textSeenBy(bob)).isEqualTo("stored logged");
    // Replayed records are checkpointed on load, so the log lets them go.
    assertThat(storedText("r")).isEqualTo("stored logged");
    assertThat(log.roomsWithPending()).isEmpty();
  }

  @Test
  void aCheckpointReleasesTheRecordsItCovers() throws Exception {
    RoomFixture rooms = startProcess();
    YDoc client = new YDoc();
    RecordingConnection ann = rooms.join("r", "ann");
    for (int i = 0; i < 5; i++) {
      rooms.send("r", ann, edit(client, "u" + i));
    }
    awaitLogged();
    assertThat(log.pending("r")).hasSize(5);

    rooms.advance(Duration.ofSeconds(20));

    assertThat(storedText("r")).isEqualTo("u0u1u2u3u4");
    assertThat(log.pending("r")).isEmpty();
    assertThat(log.roomsWithPending()).isEmpty();

    // Updates after the checkpoint are logged again, and a restart still sees only those.
    rooms.send("r", ann, edit(client, "u5"));
    awaitLogged();
    crash();
    startProcess();
    assertThat(log.pending("r")).hasSize(1);
  }

  @Test
  void roomsWithLoggedUpdatesAreRecoveredWithoutAClient() throws Exception {
    RoomFixture first = startProcess();
    YDoc client = new YDoc();
    RecordingConnection ann = first.join("r", "ann");
    first.send("r", ann, edit(client, "only in the log"));
    awaitLogged();
    crash();
    assertThat(documents.load("r")).isEmpty();

    RoomFixture second = startProcess();
    second.registry.load("r");
    second.executor.runPending();

    assertThat(storedText("r")).isEqualTo("only in the log");
    assertThat(log.roomsWithPending()).isEmpty();
    // An idle recovered room unloads after the grace period, as any other.
    second.advance(Duration.ofSeconds(31));
    assertThat(second.registry.roomIds()).isEmpty();
  }

  @Test
  void aCorruptSnapshotRefusesTheRoomAndKeepsTheFile() throws Exception {
    byte[] garbage = "definitely not a Yjs update".getBytes(StandardCharsets.UTF_8);
    documents.save("bad", garbage);
    RoomFixture rooms = startProcess();

    RecordingConnection ann = rooms.join("bad", "ann");

    assertThat(ann.joined).isFalse();
    assertThat(ann.closeCode).isEqualTo(CloseCodes.INTERNAL_ERROR);
    assertThat(ann.closeReason).contains("corrupt");
    assertThat(rooms.registry.roomIds()).isEmpty();
    rooms.advance(Duration.ofMinutes(5));
    assertThat(documents.load("bad")).get().isEqualTo(garbage);
    // Asking again refuses again: never an empty document in its place.
    RecordingConnection bob = rooms.join("bad", "bob");
    assertThat(bob.closeReason).contains("corrupt");
    assertThat(documents.load("bad")).get().isEqualTo(garbage);
  }
}
