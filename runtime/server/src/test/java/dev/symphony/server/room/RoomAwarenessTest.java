package dev.symphony.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.protocol.AwarenessEntry;
import dev.symphony.server.protocol.AwarenessUpdate;
import dev.symphony.server.protocol.YMessage;
import java.time.Duration;
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
  void anAwarenessUpdateReachesTheOthersAsReceived() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    ann.clear();
    bob.clear();
    YMessage.Awareness update = awareness(AwarenessEntry.of(11, 1, "{\"name\":\"Ann\"}"));

    rooms.send("r", ann, update);

    assertThat(bob.frames).singleElement().isEqualTo(RoomFixture.frame(update));
    assertThat(ann.frames).as("Ann heard from the room a moment ago: no echo").isEmpty();
  }

  @Test
  void aSenderThatHeardNothingForTenSecondsGetsItsOwnPresenceBack() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    YMessage.Awareness first = awareness(AwarenessEntry.of(11, 1, "{\"x\":1}"));
    YMessage.Awareness renewal = awareness(AwarenessEntry.of(11, 2, "{\"x\":1}"));
    YMessage.Awareness next = awareness(AwarenessEntry.of(11, 3, "{\"x\":2}"));
    rooms.advance(Duration.ofSeconds(9));
    rooms.send("r", ann, first);
    ann.clear();
    bob.clear();

    rooms.advance(Duration.ofSeconds(10));
    rooms.send("r", ann, renewal);
    rooms.send("r", ann, next);

    // The y-websocket client drops a connection that is silent for 30 s: the echo keeps it open.
    assertThat(ann.frames).singleElement().isEqualTo(RoomFixture.frame(renewal));
    assertThat(bob.frames).containsExactly(RoomFixture.frame(renewal), RoomFixture.frame(next));
  }

  @Test
  void aLoneClientHearsItsRenewalsWhileItsEditsAreNotEchoed() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    ann.clear();

    for (int clock = 1; clock <= 4; clock++) {
      rooms.advance(Duration.ofSeconds(15));
      rooms.send("r", ann, RoomFixture.update(RoomFixture.clientDoc("edit " + clock)));
      rooms.send("r", ann, awareness(AwarenessEntry.of(11, clock, "{}")));
    }

    assertThat(ann.messages(YMessage.Awareness.class)).hasSize(4);
  }

  @Test
  void aMemberThatHearsItsRoomMatesGetsNoEchoEvenLater() throws Exception {
    RecordingConnection ann = rooms.join("r", "ann");
    RecordingConnection bob = rooms.join("r", "bob");
    ann.clear();

    for (int clock = 1; clock <= 6; clock++) {
      rooms.advance(Duration.ofSeconds(5));
      rooms.send("r", bob, awareness(AwarenessEntry.of(22, clock, "{}")));
      rooms.send("r", ann, awareness(AwarenessEntry.of(11, clock, "{}")));
    }

    assertThat(awarenessSeenBy(ann)).extracting(AwarenessEntry::clientId).containsOnly(22L);
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
