package dev.symphony.server.room;

import static dev.symphony.server.room.RoomFixture.clientDoc;
import static dev.symphony.server.room.RoomFixture.textSeenBy;
import static dev.symphony.server.room.RoomFixture.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.symphony.server.protocol.AwarenessEntry;
import dev.symphony.server.protocol.AwarenessUpdate;
import dev.symphony.server.protocol.YMessage;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.UpdateLog;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YjsDecodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Updates and presence that enter a room from outside its connections, and room listeners. */
class RoomExternalUpdateTest {

  /** Remembers what the log was asked to append. */
  static final class RecordingLog extends UpdateLog.Disabled {
    final List<byte[]> appended = new ArrayList<>();

    @Override
    public CompletableFuture<Void> append(String roomId, byte[] update) {
      appended.add(update);
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Records every listener call as one line. */
  static final class RecordingListener implements RoomListener {
    final List<String> events = new ArrayList<>();

    @Override
    public void opened(Room room) {
      events.add("opened " + room.id());
    }

    @Override
    public void documentChanged(Room room, byte[] update, UpdateOrigin origin) {
      events.add("changed " + origin.getClass().getSimpleName());
    }

    @Override
    public void awarenessChanged(Room room, byte[] update, UpdateOrigin origin) {
      events.add("awareness " + origin.getClass().getSimpleName());
    }

    @Override
    public void joined(Room room, Connection connection) {
      events.add("joined " + connection.remoteAddress());
    }

    @Override
    public void left(Room room, Connection connection) {
      events.add("left " + connection.remoteAddress());
    }

    @Override
    public void stored(Room room, long documentBytes) {
      events.add("stored");
    }

    @Override
    public void closed(Room room) {
      events.add("closed");
    }
  }

  private final RoomFixture rooms =
      new RoomFixture(
          new MemoryDocumentStore(),
          RoomSettings.defaults()
              .withGrace(Duration.ofSeconds(30))
              .withCheckpointInterval(Duration.ofSeconds(20)));
  private final RecordingLog log = new RecordingLog();
  private final RecordingListener listener = new RecordingListener();

  RoomExternalUpdateTest() {
    rooms.storage.withUpdateLog(log);
    rooms.registry.addListener(listener);
  }

  private <T> T run(CompletableFuture<T> future) throws Exception {
    rooms.executor.runPending();
    return future.getNow(null);
  }

  @Test
  void aServerUpdateLoadsTheRoomReachesClientsAndIsLogged() throws Exception {
    byte[] change = clientDoc("from the backend").encodeStateAsUpdate();

    run(
        rooms.registry.withRoom(
            "r", room -> room.applyExternalUpdate(change, new UpdateOrigin.Server("api"))));
    RecordingConnection ann = rooms.join("r", "ann");

    assertThat(log.appended).hasSize(1);
    assertThat(textSeenBy(ann)).isEmpty(); // a newcomer gets the document by syncing
    rooms.send("r", ann, new YMessage.SyncStep1(new YDoc().encodeStateVector()));
    assertThat(textSeenBy(ann)).isEqualTo("from the backend");
    assertThat(listener.events)
        .containsExactly("opened r", "changed Server", "joined ann")
        .doesNotContain("left ann");
  }

  @Test
  void aReplicaUpdateReachesClientsButIsNeitherLoggedNorEchoed() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    byte[] change = clientDoc("from node b").encodeStateAsUpdate();

    run(
        rooms.registry.withRoom(
            "r", room -> room.applyExternalUpdate(change, new UpdateOrigin.Replica("b"))));

    assertThat(textSeenBy(ann)).isEqualTo("from node b");
    assertThat(log.appended).isEmpty();
    assertThat(listener.events).contains("changed Replica");
  }

  @Test
  void aClientUpdateIsReportedWithItsConnection() {
    RecordingConnection ann = rooms.join("r", "ann");
    rooms.send("r", ann, update(clientDoc("typed")));

    assertThat(listener.events).containsExactly("opened r", "joined ann", "changed Client");
    assertThat(log.appended).hasSize(1);
  }

  @Test
  void aMalformedExternalUpdateFailsAndChangesNothing() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    CompletableFuture<Void> applied =
        rooms.registry.withRoom(
            "r",
            room -> room.applyExternalUpdate(new byte[] {1, 1, 9}, new UpdateOrigin.Server("api")));
    rooms.executor.runPending();

    assertThat(applied).isCompletedExceptionally();
    assertThat(catchThrowable(applied::get))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(YjsDecodingException.class);
    assertThat(log.appended).isEmpty();
    assertThat(ann.frames).hasSize(1); // only the greeting
  }

  @Test
  void aChangeRunsInOneTransaction() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    run(
        rooms.registry.withRoom(
            "r",
            room ->
                room.change(
                    doc -> {
                      doc.getText("t").insert(0, "one ");
                      doc.getText("t").insert(4, "two");
                    },
                    new UpdateOrigin.Server("edits"))));

    assertThat(log.appended).hasSize(1);
    assertThat(ann.messages(YMessage.SyncUpdate.class)).hasSize(1);
    assertThat(textSeenBy(ann)).isEqualTo("one two");
  }

  @Test
  void remotePresenceGreetsNewcomersAndIsDroppedWithItsNode() throws Exception {
    UpdateOrigin nodeB = new UpdateOrigin.Replica("b");
    byte[] presence =
        AwarenessUpdate.encode(
            List.of(
                new AwarenessEntry(
                    7, 1, "{\"name\":\"bea\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    // More clients than one connection may speak for: a node is not held to that limit.
    List<AwarenessEntry> many = new ArrayList<>();
    for (int i = 0; i < RoomSettings.defaults().maxAwarenessClientsPerConnection() + 5; i++) {
      many.add(
          new AwarenessEntry(100 + i, 1, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    run(
        rooms.registry.withRoom(
            "r",
            room -> {
              try {
                room.applyExternalAwareness(presence, nodeB);
                room.applyExternalAwareness(AwarenessUpdate.encode(many), nodeB);
              } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
              }
              return CompletableFuture.completedFuture(null);
            }));
    RecordingConnection ann = rooms.join("r", "ann");
    assertThat(ann.messages(YMessage.Awareness.class)).hasSize(1);
    assertThat(AwarenessUpdate.decode(ann.messages(YMessage.Awareness.class).get(0).update()))
        .hasSize(many.size() + 1);

    run(
        rooms.registry.withRoom(
            "r",
            room -> {
              room.forgetPeer(nodeB);
              return CompletableFuture.completedFuture(null);
            }));

    List<AwarenessEntry> removals =
        AwarenessUpdate.decode(ann.messages(YMessage.Awareness.class).get(1).update());
    assertThat(removals).hasSize(many.size() + 1).allMatch(AwarenessEntry::isRemoval);
  }

  @Test
  void storedAndClosedAreReportedWhenAnIdleRoomUnloads() throws Exception {
    run(
        rooms.registry.withRoom(
            "r",
            room ->
                room.applyExternalUpdate(
                    clientDoc("x").encodeStateAsUpdate(), new UpdateOrigin.Server("api"))));
    rooms.advance(Duration.ofSeconds(31));

    assertThat(rooms.registry.roomIds()).isEmpty();
    assertThat(listener.events).endsWith("stored", "closed");
  }
}
