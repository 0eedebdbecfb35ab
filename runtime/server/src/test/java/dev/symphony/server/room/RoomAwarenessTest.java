package dev.symphony.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.protocol.AwarenessEntry;
import dev.symphony.server.protocol.AwarenessUpdate;
import dev.symphony.server.protocol.YMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomAwarenessTest {

  private final RoomFixture rooms = new RoomFixture();

  private static YMessage.Awareness awareness(AwarenessEntry... entries) {
    return new YMessage.Awareness(AwarenessUpdate.encode(List.of(entries)));
  }

  private static List<AwarenessEntry> awarenessSeenBy(RecordingConnection connection)
      throws Exception {
    List<AwarenessEntry> seen = new java.util.ArrayList<>();
    for (YMessage.Awareness message : connection.messages(YMessage.Awareness.class)) {
      seen.addAll(AwarenessUpdate.decode(message.update()));
    }
    return seen;
  }

  @Test
  void anAwarenessUpdateReachesEveryoneAsReceivedTheSenderToo() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    ann.clear();
    bob.clear();
    YMessage.Awareness update = awareness(AwarenessEntry.of(11, 1, "{\"name\":\"Ann\"}"));

    rooms.send("r", ann, update);

    assertThat(bob.frames).singleElement().isEqualTo(RoomFixture.frame(update));
    assertThat(ann.frames).singleElement().isEqualTo(RoomFixture.frame(update));
  }

  @Test
  void newcomersAreGreetedWithEveryCurrentState() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    rooms.send("r", ann, awareness(AwarenessEntry.of(11, 3, "{\"name\":\"Ann\"}")));

    RecordingConnection bob = rooms.join("r", "bob");

    assertThat(bob.messages().getFirst()).isInstanceOf(YMessage.SyncStep1.class);
    assertThat(awarenessSeenBy(bob))
        .containsExactly(AwarenessEntry.of(11, 3, "{\"name\":\"Ann\"}"));
  }

  @Test
  void aClosedConnectionsStatesAreAnnouncedAsRemoved() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    rooms.send("r", ann, awareness(AwarenessEntry.of(11, 3, "{\"name\":\"Ann\"}")));
    bob.clear();

    rooms.leave("r", ann);

    assertThat(awarenessSeenBy(bob)).containsExactly(AwarenessEntry.removal(11, 3));
    RecordingConnection carl = rooms.join("r", "carl");
    assertThat(carl.messages(YMessage.Awareness.class)).as("nobody left to greet with").isEmpty();
  }

  @Test
  void aQueryIsAnsweredWithAllStates() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    rooms.send("r", ann, awareness(AwarenessEntry.of(11, 1, "{\"a\":1}")));
    rooms.send("r", bob, awareness(AwarenessEntry.of(22, 1, "{\"b\":1}")));
    bob.clear();

    rooms.send("r", bob, new YMessage.QueryAwareness());

    assertThat(awarenessSeenBy(bob))
        .containsExactly(
            AwarenessEntry.of(11, 1, "{\"a\":1}"), AwarenessEntry.of(22, 1, "{\"b\":1}"));
  }

  @Test
  void malformedAwarenessClosesOnlyItsSender() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    rooms.send("r", ann, awareness(AwarenessEntry.of(11, 1, "{\"a\":1}")));
    ann.clear();

    rooms.send("r", bob, new YMessage.Awareness(new byte[] {3, 1}));

    assertThat(bob.closeCode).isEqualTo(CloseCodes.INVALID_PAYLOAD);
    assertThat(ann.closeCode).isNull();
    assertThat(ann.frames).isEmpty();
  }

  @Test
  void speakingForTooManyClientsIsAPolicyViolation() {
    RecordingConnection ann = rooms.join("r", "ann");
    AwarenessEntry[] many = new AwarenessEntry[65];
    for (int i = 0; i < many.length; i++) {
      many[i] = AwarenessEntry.of(i + 1, 1, "{}");
    }

    rooms.send("r", ann, awareness(many));

    assertThat(ann.closeCode).isEqualTo(CloseCodes.POLICY_VIOLATION);
  }
}
