package dev.symphony.server.room;

import static dev.symphony.server.room.RoomFixture.clientDoc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.metrics.RejectReason;
import dev.symphony.server.protocol.YMessage;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.yjs.YDoc;
import org.junit.jupiter.api.Test;

/** Read-only connections and the document size limit: refused updates are answered, not lost. */
class RoomLimitsTest {

  @Test
  void aReadOnlyConnectionsUpdatesAreNeverAppliedNorForwardedAndItIsTold() throws Exception {
    RoomFixture rooms = new RoomFixture();
    RecordingConnection recorded = new RecordingConnection("reader");
    Connection reader = new ReadOnly(recorded);
    rooms.registry.join("r", reader);
    rooms.executor.runPending();
    RecordingConnection writer = rooms.join("r", "writer");
    writer.clear();

    rooms.registry.deliver(
        "r", reader, new YMessage.SyncUpdate(clientDoc("evil").encodeStateAsUpdate()));
    rooms.executor.runPending();

    assertThat(writer.messages()).isEmpty();
    assertThat(recorded.messages(YMessage.Auth.class))
        .singleElement()
        .satisfies(auth -> assertThat(auth.reason()).contains("read-only"));
    assertThat(recorded.closeCode).isNull();
  }

  @Test
  void updatesBeyondTheDocumentLimitAreRefusedWithAReason() throws Exception {
    RoomFixture rooms =
        new RoomFixture(
            new MemoryDocumentStore(), RoomSettings.defaults().withMaxDocumentBytes(4096));
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    YDoc doc = new YDoc(5);
    byte[] before = doc.encodeStateVector();
    doc.getText("t").insert(0, "a".repeat(3000));
    rooms.send("r", ann, new YMessage.SyncUpdate(doc.encodeStateAsUpdate(before)));
    bob.clear();

    before = doc.encodeStateVector();
    doc.getText("t").insert(0, "b".repeat(2000));
    rooms.send("r", ann, new YMessage.SyncUpdate(doc.encodeStateAsUpdate(before)));

    assertThat(bob.messages()).as("not forwarded").isEmpty();
    assertThat(ann.messages(YMessage.Auth.class))
        .singleElement()
        .satisfies(auth -> assertThat(auth.reason()).contains("document is full"));
    assertThat(rooms.rejections).containsExactly(RejectReason.DOCUMENT_FULL);
  }

  @Test
  void atTheRoomLimitIdleRoomsAreUnloadedFirstAndBusyOnesRefuseNewRooms() throws Exception {
    RoomFixture rooms =
        new RoomFixture(new MemoryDocumentStore(), RoomSettings.defaults().withMaxRooms(2));
    RecordingConnection ann = rooms.join("r1", "ann");
    RecordingConnection bob = rooms.join("r2", "bob");
    rooms.leave("r2", bob); // r2 is idle, in its grace period

    RecordingConnection carl = rooms.join("r3", "carl");
    assertThat(carl.closeCode).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
    assertThat(carl.closeReason).contains("freeing an idle one");
    rooms.executor.runPending();
    assertThat(rooms.registry.roomIds()).containsExactly("r1");

    RecordingConnection carlAgain = rooms.join("r3", "carl");
    assertThat(carlAgain.joined).isTrue();

    RecordingConnection dan = rooms.join("r4", "dan");
    assertThat(dan.closeCode).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
    assertThat(dan.closeReason).contains("all are in use");
    assertThat(ann.closeCode).isNull();
    assertThat(rooms.join("r1", "eve").joined).as("loaded rooms still take joiners").isTrue();
    assertThat(rooms.rejections).containsExactly(RejectReason.MAX_ROOMS, RejectReason.MAX_ROOMS);
  }

  /** A connection whose token only allows reading. */
  private record ReadOnly(RecordingConnection inner) implements Connection {
    @Override
    public boolean mayWrite() {
      return false;
    }

    @Override
    public String remoteAddress() {
      return inner.remoteAddress();
    }

    @Override
    public void send(OutboundMessage message) {
      inner.send(message);
    }

    @Override
    public void close(int closeCode, String reason) {
      inner.close(closeCode, reason);
    }

    @Override
    public void joined() {
      inner.joined();
    }
  }
}
