package dev.symphony.server.room;

import static dev.symphony.server.room.RoomFixture.clientDoc;
import static dev.symphony.server.room.RoomFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.protocol.YMessage;
import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.RoomRecord;
import dev.symphony.yjs.YDoc;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoomLifecycleTest {

  /** Counts writes and can be told to fail them. */
  static final class CountingStore implements DocumentStore {
    final MemoryDocumentStore inner = new MemoryDocumentStore();
    final AtomicInteger saves = new AtomicInteger();
    boolean failSaves;
    boolean failLoads;

    @Override
    public Optional<byte[]> load(String roomId) throws IOException {
      if (failLoads) {
        throw new IOException("disk on fire");
      }
      return inner.load(roomId);
    }

    @Override
    public void save(String roomId, byte[] snapshot) throws IOException {
      if (failSaves) {
        throw new IOException("disk full");
      }
      saves.incrementAndGet();
      inner.save(roomId, snapshot);
    }

    @Override
    public void delete(String roomId) {
      inner.delete(roomId);
    }

    String storedText(String roomId) throws Exception {
      YDoc doc = new YDoc();
      doc.applyUpdate(inner.load(roomId).orElseThrow());
      return doc.getText("t").toString();
    }
  }

  private final CountingStore store = new CountingStore();
  private final RoomFixture rooms =
      new RoomFixture(
          store,
          RoomSettings.defaults()
              .withGrace(Duration.ofSeconds(30))
              .withCheckpointInterval(Duration.ofSeconds(20)));

  @Test
  void aRoomIsCreatedOnFirstJoinAndMarkedActive() {
    rooms.join("r", "ann");

    assertThat(rooms.registry.roomIds()).containsExactly("r");
    assertThat(rooms.catalog.find("r"))
        .get()
        .extracting(RoomRecord::active, RoomRecord::created)
        .containsExactly(true, rooms.executor.now());
  }

  @Test
  void theRoomStaysLoadedThroughTheGracePeriodThenStoresAndUnloads() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    rooms.send("r", ann, update(clientDoc("keep me")));
    rooms.leave("r", ann);

    rooms.advance(Duration.ofSeconds(29));
    assertThat(rooms.registry.roomIds()).containsExactly("r");
    assertThat(rooms.catalog.find("r").orElseThrow().active()).isTrue();

    rooms.advance(Duration.ofSeconds(1));
    assertThat(rooms.registry.roomIds()).isEmpty();
    assertThat(store.storedText("r")).isEqualTo("keep me");
    RoomRecord record = rooms.catalog.find("r").orElseThrow();
    assertThat(record.active()).isFalse();
    assertThat(record.documentBytes()).isEqualTo(store.inner.load("r").orElseThrow().length);
  }

  @Test
  void aJoinDuringTheGracePeriodKeepsTheRoom() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    rooms.send("r", ann, update(clientDoc("still here")));
    rooms.leave("r", ann);
    rooms.advance(Duration.ofSeconds(25));

    RecordingConnection bob = rooms.join("r", "bob");
    rooms.advance(Duration.ofSeconds(60));

    assertThat(rooms.registry.roomIds()).containsExactly("r");
    rooms.send("r", bob, new YMessage.SyncStep1(new YDoc().encodeStateVector()));
    assertThat(RoomFixture.textSeenBy(bob)).isEqualTo("still here");
  }

  @Test
  void anUnusedRoomIsUnloadedWithoutWritingAnything() {
    RecordingConnection ann = rooms.join("r", "ann");
    rooms.leave("r", ann);
    rooms.advance(Duration.ofSeconds(30));

    assertThat(rooms.registry.roomIds()).isEmpty();
    assertThat(store.saves).hasValue(0);
    assertThat(rooms.catalog.find("r").orElseThrow().active()).isFalse();
  }

  @Test
  void changesAreCheckpointedOneIntervalAfterTheFirstChange() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    YDoc client = clientDoc("a");
    rooms.send("r", ann, update(client));

    rooms.advance(Duration.ofSeconds(19));
    assertThat(store.saves).hasValue(0);
    client.getText("t").insert(1, "b");
    rooms.send("r", ann, update(client));
    rooms.advance(Duration.ofSeconds(1));
    assertThat(store.saves).hasValue(1);
    assertThat(store.storedText("r")).isEqualTo("ab");

    // Nothing changed since: no more writes.
    rooms.advance(Duration.ofSeconds(100));
    assertThat(store.saves).hasValue(1);

    client.getText("t").insert(2, "c");
    rooms.send("r", ann, update(client));
    rooms.advance(Duration.ofSeconds(19));
    assertThat(store.saves).hasValue(1);
    rooms.advance(Duration.ofSeconds(1));
    assertThat(store.saves).hasValue(2);
    assertThat(store.storedText("r")).isEqualTo("abc");
  }

  @Test
  void aFailedCheckpointIsRetriedAndTheRoomIsNotUnloadedUntilStored() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    rooms.send("r", ann, update(clientDoc("precious")));
    rooms.leave("r", ann);
    store.failSaves = true;

    rooms.advance(Duration.ofSeconds(120));
    assertThat(rooms.registry.roomIds())
        .as("an unstored document stays in memory")
        .containsExactly("r");

    store.failSaves = false;
    rooms.advance(Duration.ofSeconds(60));
    assertThat(rooms.registry.roomIds()).isEmpty();
    assertThat(store.storedText("r")).isEqualTo("precious");
  }

  @Test
  void aRoomThatCannotBeLoadedRefusesItsJoinersAndIsForgotten() {
    store.failLoads = true;

    RecordingConnection ann = rooms.join("r", "ann");

    assertThat(ann.closeCode).isEqualTo(CloseCodes.INTERNAL_ERROR);
    assertThat(ann.joined).isFalse();
    assertThat(rooms.registry.roomIds()).isEmpty();

    store.failLoads = false;
    RecordingConnection bob = rooms.join("r", "bob");
    assertThat(bob.joined).isTrue();
  }

  @Test
  void shutdownClosesConnectionsAndStoresEveryRoom() throws Exception {
    RecordingConnection ann = rooms.join("a", "ann");
    RecordingConnection bob = rooms.join("b", "bob");
    rooms.send("a", ann, update(clientDoc("in a")));
    rooms.send("b", bob, update(clientDoc("in b")));

    var done = rooms.registry.shutdown();
    rooms.executor.runPending();

    assertThat(done).isCompleted();
    assertThat(ann.closeCode).isEqualTo(CloseCodes.GOING_AWAY);
    assertThat(bob.closeCode).isEqualTo(CloseCodes.GOING_AWAY);
    assertThat(store.storedText("a")).isEqualTo("in a");
    assertThat(store.storedText("b")).isEqualTo("in b");
    assertThat(rooms.registry.roomIds()).isEmpty();
    assertThat(rooms.catalog.list()).noneMatch(RoomRecord::active);

    RecordingConnection late = rooms.join("a", "late");
    assertThat(late.closeCode).isEqualTo(CloseCodes.GOING_AWAY);
  }

  @Test
  void aRoomComesBackFromStorageAfterUnloading() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    rooms.send("r", ann, update(clientDoc("persisted")));
    rooms.leave("r", ann);
    rooms.advance(Duration.ofSeconds(30));
    assertThat(rooms.registry.roomIds()).isEmpty();

    RecordingConnection bob = rooms.join("r", "bob");
    rooms.send("r", bob, new YMessage.SyncStep1(new YDoc().encodeStateVector()));

    assertThat(RoomFixture.textSeenBy(bob)).isEqualTo("persisted");
    assertThat(rooms.catalog.find("r").orElseThrow().active()).isTrue();
  }

  @Test
  void aJoinWhileTheFinalCheckpointIsBeingWrittenRevivesTheRoom() throws Exception {
    ManualExecutor storageThread = new ManualExecutor();
    RoomFixture slowStorage =
        new RoomFixture(store, RoomSettings.defaults().withGrace(Duration.ZERO), storageThread);
    RecordingConnection ann = slowStorage.join("r", "ann");
    storageThread.runPending(); // the load
    slowStorage.executor.runPending();
    slowStorage.send("r", ann, update(clientDoc("v1")));
    slowStorage.leave("r", ann);
    slowStorage.advance(Duration.ZERO); // grace over: the final checkpoint is queued, not written

    RecordingConnection bob = slowStorage.join("r", "bob");
    assertThat(bob.joined).as("admitted at once: the document is still in memory").isTrue();
    storageThread.runPending();
    slowStorage.executor.runPending();

    assertThat(slowStorage.registry.roomIds()).containsExactly("r");
    assertThat(store.storedText("r")).isEqualTo("v1");
    slowStorage.send("r", bob, new YMessage.SyncStep1(new YDoc().encodeStateVector()));
    assertThat(RoomFixture.textSeenBy(bob)).isEqualTo("v1");
  }
}
