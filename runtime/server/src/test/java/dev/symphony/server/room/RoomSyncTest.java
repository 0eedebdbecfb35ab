package dev.symphony.server.room;

import static dev.symphony.server.room.RoomFixture.clientDoc;
import static dev.symphony.server.room.RoomFixture.textSeenBy;
import static dev.symphony.server.room.RoomFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.protocol.YMessage;
import dev.symphony.yjs.YDoc;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomSyncTest {

  private final RoomFixture rooms = new RoomFixture();

  @Test
  void joinerIsGreetedWithTheServersStateVectorAndThenReads() throws Exception {
    YDoc stored = clientDoc("hello");
    rooms.documents.save("r", stored.encodeStateAsUpdate());

    RecordingConnection ann = rooms.join("r", "ann");

    assertThat(ann.joined).isTrue();
    assertThat(ann.messages()).hasSize(1);
    assertThat(ann.messages(YMessage.SyncStep1.class).getFirst().stateVector())
        .isEqualTo(stored.encodeStateVector());
  }

  @Test
  void stepOneIsAnsweredWithWhatTheClientLacks() throws Exception {
    rooms.documents.save("r", clientDoc("hello").encodeStateAsUpdate());
    RecordingConnection ann = rooms.join("r", "ann");

    rooms.send("r", ann, new YMessage.SyncStep1(new YDoc().encodeStateVector()));

    assertThat(ann.messages(YMessage.SyncStep2.class)).hasSize(1);
    assertThat(textSeenBy(ann)).isEqualTo("hello");
  }

  @Test
  void updatesAreForwardedToTheOthersButNotBackToTheSender() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    RecordingConnection eve = rooms.join("r", "eve");
    ann.clear();
    bob.clear();
    eve.clear();

    rooms.send("r", ann, update(clientDoc("from ann")));

    assertThat(ann.frames).isEmpty();
    assertThat(textSeenBy(bob)).isEqualTo("from ann");
    assertThat(textSeenBy(eve)).isEqualTo("from ann");
    assertThat(bob.messages()).singleElement().isInstanceOf(YMessage.SyncUpdate.class);
  }

  /**
   * A deletion that waited for its content (it came from another node first) is applied with the
   * update that brings the content. That update's event then holds the deletion as well, which its
   * sender never had: it goes to the sender too, or the sender's copy keeps the deleted text.
   */
  @Test
  void whatASendersUpdateLetsTheRoomApplyReachesTheSenderToo() throws Exception {
    YDoc annDoc = clientDoc("abc");
    YDoc peer = new YDoc();
    peer.applyUpdate(annDoc.encodeStateAsUpdate());
    List<byte[]> peerUpdates = new ArrayList<>();
    peer.onUpdate(peerUpdates::add);
    peer.getText("t").delete(1, 1);
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    rooms.registry.withRoom(
        "r",
        room -> room.applyExternalUpdate(peerUpdates.getFirst(), new UpdateOrigin.Replica("b")));
    rooms.executor.runPending();
    ann.clear();
    bob.clear();

    rooms.send("r", ann, update(annDoc));

    assertThat(textSeenBy(bob)).isEqualTo("ac");
    assertThat(textSeenBy(ann)).isEqualTo("ac");
  }

  @Test
  void aSendersUpdateIsStillNotEchoedOnceNothingWaits() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    YDoc annDoc = clientDoc("abc");
    rooms.send("r", ann, update(annDoc));
    ann.clear();

    List<byte[]> annUpdates = new ArrayList<>();
    annDoc.onUpdate(annUpdates::add);
    annDoc.getText("t").delete(1, 1);
    rooms.send("r", ann, new YMessage.SyncUpdate(annUpdates.getFirst()));

    assertThat(ann.frames).isEmpty();
  }

  @Test
  void stepTwoFromAClientIsAppliedAndForwardedAsAnUpdate() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    bob.clear();

    rooms.send("r", ann, new YMessage.SyncStep2(clientDoc("offline edit").encodeStateAsUpdate()));

    assertThat(bob.messages()).singleElement().isInstanceOf(YMessage.SyncUpdate.class);
    RecordingConnection late = rooms.join("r", "late");
    rooms.send("r", late, new YMessage.SyncStep1(new YDoc().encodeStateVector()));
    assertThat(textSeenBy(late)).isEqualTo("offline edit");
  }

  @Test
  void anUpdateTheRoomAlreadyHasIsNotForwardedAgain() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    YDoc edit = clientDoc("once");
    rooms.send("r", ann, update(edit));
    bob.clear();

    rooms.send("r", ann, update(edit));

    assertThat(bob.frames).isEmpty();
  }

  @Test
  void anInvalidUpdateClosesOnlyItsSenderAndLeavesTheDocumentAlone() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    rooms.send("r", ann, update(clientDoc("kept")));
    bob.clear();

    rooms.send("r", bob, new YMessage.SyncUpdate(new byte[] {5, 1, 2, 3, (byte) 0xff}));

    assertThat(bob.closeCode).isEqualTo(CloseCodes.INVALID_PAYLOAD);
    assertThat(bob.closeReason).startsWith("invalid Yjs data");
    assertThat(ann.closeCode).isNull();
    RecordingConnection late = rooms.join("r", "late");
    rooms.send("r", late, new YMessage.SyncStep1(new YDoc().encodeStateVector()));
    assertThat(textSeenBy(late)).isEqualTo("kept");

    // The closed connection's later messages are ignored; the others keep editing.
    rooms.send("r", bob, update(clientDoc("ignored")));
    ann.clear();
    rooms.send("r", late, update(clientDoc("more")));
    assertThat(ann.messages()).singleElement().isInstanceOf(YMessage.SyncUpdate.class);
  }

  @Test
  void anInvalidStateVectorClosesItsSender() {
    RecordingConnection ann = rooms.join("r", "ann");

    rooms.send("r", ann, new YMessage.SyncStep1(new byte[] {(byte) 0x80}));

    assertThat(ann.closeCode).isEqualTo(CloseCodes.INVALID_PAYLOAD);
  }

  @Test
  void roomsAreIsolated() throws Exception {
    RecordingConnection inA = rooms.join("a", "ann");
    RecordingConnection alsoInA = rooms.join("a", "amy");
    RecordingConnection inB = rooms.join("b", "bob");
    alsoInA.clear();
    inB.clear();

    rooms.send("a", inA, update(clientDoc("only in a")));

    assertThat(textSeenBy(alsoInA)).isEqualTo("only in a");
    assertThat(inB.frames).isEmpty();
    assertThat(rooms.registry.roomIds()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void clientAuthMessagesAreIgnored() {
    RecordingConnection ann = rooms.join("r", "ann");
    ann.clear();

    rooms.send("r", ann, new YMessage.Auth(0, "whatever"));

    assertThat(ann.closeCode).isNull();
    assertThat(ann.frames).isEmpty();
  }
}
