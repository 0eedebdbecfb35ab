package dev.symphony.load.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.symphony.load.measure.Counter;
import dev.symphony.load.measure.Measurements;
import dev.symphony.load.measure.RunResults;
import dev.symphony.load.protocol.Protocol;
import dev.symphony.load.protocol.YMessage;
import dev.symphony.load.protocol.YWebsocketCodec;
import dev.symphony.load.stamp.UpdateStamp;
import dev.symphony.yjs.YDoc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Virtual users in one room connected through an in-memory stand-in for a y-websocket server: it
 * keeps the room's document (to answer sync step 1) and forwards each message to the other users, 5
 * ms after it was sent, unless a test drops it.
 */
class VirtualUserTest {

  private static final long T0 = 1_700_000_000_000_000L;
  private static final long DELAY_MS = 5;

  private final AtomicLong micros = new AtomicLong(T0);
  private final MicroClock clock = micros::get;
  private final Measurements measurements = new Measurements(T0 / 1000);
  private final RoomLedger ledger = new RoomLedger();
  private final YDoc serverDoc = new YDoc(999);
  private final List<VirtualUser> room = new ArrayList<>();

  private VirtualUser join(long user) throws Exception {
    return join(user, Protocol.Y_WEBSOCKET);
  }

  private VirtualUser join(long user, Protocol protocol) throws Exception {
    VirtualUser vu =
        new VirtualUser(user, 1000 + user, "room", protocol, ledger, measurements, clock, 1, 5, 0);
    vu.syncStep1();
    vu.onInitialSync(
        protocol.wrap("room", YWebsocketCodec.syncStep2(serverDoc.encodeStateAsUpdate())));
    // the answer to the server's own step 1 goes out; the server applies it
    serverApply(vu.nextReply(), protocol);
    room.add(vu);
    return vu;
  }

  private void serverApply(byte[] frame, Protocol protocol) throws Exception {
    YMessage m = protocol.unwrap(frame);
    if (m instanceof YMessage.SyncUpdate u) {
      serverDoc.applyUpdate(u.update());
    } else if (m instanceof YMessage.SyncStep2 s) {
      serverDoc.applyUpdate(s.update());
    }
  }

  /** Sends a frame from {@code from} to every other user except those in {@code dropFor}. */
  private void relay(VirtualUser from, byte[] frame, VirtualUser... dropFor) throws Exception {
    serverApply(frame, Protocol.Y_WEBSOCKET);
    long receivedMillis = micros.get() / 1000 + DELAY_MS;
    for (VirtualUser to : room) {
      if (to != from && !List.of(dropFor).contains(to)) {
        to.onFrame(frame, receivedMillis);
      }
    }
  }

  private RunResults finishAll() {
    room.forEach(vu -> vu.finish(false));
    return measurements.results(
        new RunResults.Setup("y-websocket", List.of("ws://x"), room.size(), 4, 1, 5, 1),
        micros.get() / 1000);
  }

  @Test
  void editsReachRoomMatesWithTheirLatencyAndNothingIsLost() throws Exception {
    VirtualUser a = join(1);
    VirtualUser b = join(2);
    VirtualUser c = join(3);
    for (int round = 0; round < 3; round++) {
      for (VirtualUser vu : List.of(a, b, c)) {
        micros.addAndGet(1_000);
        relay(vu, vu.nextUpdate());
        for (int p = 0; p < 2; p++) {
          micros.addAndGet(1_000);
          relay(vu, vu.nextPresence());
        }
      }
    }
    RunResults r = finishAll();

    assertThat(r.counter(Counter.UPDATES_SENT)).isEqualTo(9);
    assertThat(r.counter(Counter.UPDATES_EXPECTED)).isEqualTo(18);
    assertThat(r.counter(Counter.UPDATES_RECEIVED)).isEqualTo(18);
    assertThat(r.counter(Counter.UPDATES_LOST)).isZero();
    assertThat(r.counter(Counter.PRESENCE_EXPECTED)).isEqualTo(36);
    assertThat(r.counter(Counter.PRESENCE_RECEIVED)).isEqualTo(36);
    assertThat(r.counter(Counter.PRESENCE_LOST)).isZero();
    // received in millisecond DELAY_MS after a send on a millisecond boundary: counted as the end
    // of that millisecond, so 6 ms, never less than the truth
    assertThat(r.updates().count()).isEqualTo(18);
    assertThat(r.updates().p50()).isCloseTo(6.0, within(0.01));
    assertThat(r.presence().max()).isCloseTo(6.0, within(0.01));
    // the edits are real: every replica holds the same text with all nine stamps
    assertThat(b.text()).isEqualTo(a.text()).isEqualTo(c.text());
    assertThat(UpdateStamp.findAll(a.text().getBytes(StandardCharsets.UTF_8))).hasSize(9);
  }

  @Test
  void eachEditSendsItsOwnStampOnlyAndGoesBeforeEverythingElse() throws Exception {
    VirtualUser a = join(1);
    VirtualUser b = join(2);
    relay(a, a.nextUpdate());
    relay(b, b.nextUpdate()); // a applies a remote update between its own edits

    byte[] frame = a.nextUpdate();

    byte[] update = ((YMessage.SyncUpdate) Protocol.Y_WEBSOCKET.unwrap(frame)).update();
    assertThat(UpdateStamp.findAll(update))
        .singleElement()
        .satisfies(stamp -> assertThat(stamp.user()).isEqualTo(1));
    assertThat(UpdateStamp.findAll(a.text().getBytes(StandardCharsets.UTF_8)))
        .extracting(UpdateStamp::user, UpdateStamp::seq)
        .containsExactly(tuple(1L, 2L), tuple(2L, 1L), tuple(1L, 1L));
    relay(a, frame);
    assertThat(b.text()).isEqualTo(a.text());
  }

  @Test
  void aMissingUpdateCountsAsLostForThatReceiverOnly() throws Exception {
    VirtualUser a = join(1);
    VirtualUser b = join(2);
    VirtualUser c = join(3);
    relay(a, a.nextUpdate());
    relay(a, a.nextUpdate(), b);
    relay(a, a.nextUpdate());
    RunResults r = finishAll();
    assertThat(r.counter(Counter.UPDATES_EXPECTED)).isEqualTo(6);
    assertThat(r.counter(Counter.UPDATES_RECEIVED)).isEqualTo(5);
    assertThat(r.counter(Counter.UPDATES_LOST)).isEqualTo(1);
    assertThat(c.text()).isEqualTo(a.text());
  }

  @Test
  void stampsFromBeforeAUserJoinedAreNeitherExpectedNorTimed() throws Exception {
    VirtualUser a = join(1);
    relay(a, a.nextUpdate());
    relay(a, a.nextUpdate());
    VirtualUser b = join(2); // gets both edits through sync step 2
    assertThat(b.text()).isEqualTo(a.text());
    relay(a, a.nextUpdate());
    RunResults r = finishAll();
    assertThat(r.counter(Counter.UPDATES_EXPECTED)).isEqualTo(1);
    assertThat(r.counter(Counter.UPDATES_RECEIVED)).isEqualTo(1);
    assertThat(r.updates().count()).isEqualTo(1);
  }

  @Test
  void aPresenceStateReplacedByANewerDeliveredOneIsNotLost() throws Exception {
    VirtualUser a = join(1);
    VirtualUser b = join(2);
    byte[] first = a.nextPresence();
    byte[] second = a.nextPresence();
    relay(a, a.nextPresence());
    // the server coalesced the first two: b saw only the newest
    RunResults r = finishAll();
    assertThat(r.counter(Counter.PRESENCE_EXPECTED)).isEqualTo(3);
    assertThat(r.counter(Counter.PRESENCE_RECEIVED)).isEqualTo(1);
    assertThat(r.counter(Counter.PRESENCE_LOST)).isZero();
    assertThat(first).isNotEqualTo(second);
    assertThat(b.listening()).isFalse();
  }

  @Test
  void presenceStatesAfterTheLastDeliveredOneAreLost() throws Exception {
    VirtualUser a = join(1);
    join(2);
    relay(a, a.nextPresence());
    a.nextPresence();
    a.nextPresence();
    RunResults r = finishAll();
    assertThat(r.counter(Counter.PRESENCE_LOST)).isEqualTo(2);
  }

  @Test
  void ownMessagesEchoedBackAreIgnored() throws Exception {
    VirtualUser a = join(1);
    byte[] update = a.nextUpdate();
    a.onFrame(update, micros.get() / 1000);
    a.onFrame(a.nextPresence(), micros.get() / 1000);
    RunResults r = finishAll();
    assertThat(r.counter(Counter.ECHOES)).isEqualTo(2);
    assertThat(r.updates().count()).isZero();
  }

  @Test
  void aFreshUsersFirstAnswerSendsNothingBackToTheServer() throws Exception {
    VirtualUser a = join(1);
    relay(a, a.nextUpdate());
    VirtualUser b =
        new VirtualUser(
            2, 1002, "room", Protocol.Y_WEBSOCKET, ledger, measurements, clock, 1, 5, 0);
    b.onInitialSync(YWebsocketCodec.syncStep2(serverDoc.encodeStateAsUpdate()));
    assertThat(b.text()).isEqualTo(a.text());
    // the room's state came from the server; the answer to its step 1 is an empty update
    assertThat(Protocol.Y_WEBSOCKET.unwrap(b.nextReply()))
        .isInstanceOfSatisfying(
            YMessage.SyncStep2.class, s -> assertThat(s.update()).containsExactly(0, 0));
  }

  @Test
  void theServersSyncStep1IsAnsweredWithWhatItLacks() throws Exception {
    VirtualUser a = join(1);
    a.nextUpdate(); // never reached the server
    a.onFrame(YWebsocketCodec.syncStep1(serverDoc.encodeStateVector()), micros.get() / 1000);
    assertThat(a.hasReply()).isTrue();
    serverApply(a.nextReply(), Protocol.Y_WEBSOCKET);
    assertThat(serverDoc.getText(VirtualUser.TEXT).toString()).isEqualTo(a.text());
  }

  @Test
  void aDroppedUserIsCountedAndStopsExpectingAtTheDrop() throws Exception {
    VirtualUser a = join(1);
    VirtualUser b = join(2);
    relay(a, a.nextUpdate());
    b.finish(true);
    relay(a, a.nextUpdate());
    RunResults r = finishAll();
    assertThat(r.counter(Counter.USERS_DROPPED)).isEqualTo(1);
    assertThat(r.counter(Counter.UPDATES_EXPECTED)).isEqualTo(1);
    assertThat(r.counter(Counter.UPDATES_LOST)).isZero();
  }

  @Test
  void hocuspocusUsersFrameEveryMessageWithTheRoom() throws Exception {
    VirtualUser a = join(1, Protocol.HOCUSPOCUS);
    assertThat(a.handshake()).hasSize(1);
    assertThat(Protocol.HOCUSPOCUS.unwrap(a.nextUpdate())).isInstanceOf(YMessage.SyncUpdate.class);
    assertThat(Protocol.HOCUSPOCUS.unwrap(a.nextPresence())).isInstanceOf(YMessage.Awareness.class);
  }

  @Test
  void garbageFramesAreCountedNotThrown() throws Exception {
    VirtualUser a = join(1);
    a.onFrame(new byte[] {0, 2, 50, 1}, micros.get() / 1000);
    a.onFrame(YWebsocketCodec.syncUpdate(new byte[] {1, 2, 3}), micros.get() / 1000);
    assertThat(measurements.get(Counter.DECODE_ERRORS)).isEqualTo(2);
  }

  @Test
  void messagesFollowTheirRates() throws Exception {
    VirtualUser a = join(1);
    int updates = 0;
    int presence = 0;
    // a minute in 100 ms ticks at 1 update and 5 presence per second (the first of each at once)
    for (int tick = 0; tick < 600; tick++) {
      if (a.updateDue(micros.get())) {
        a.nextUpdate();
        updates++;
      }
      if (a.presenceDue(micros.get())) {
        a.nextPresence();
        presence++;
      }
      micros.addAndGet(100_000);
    }
    assertThat(updates).isBetween(60, 61);
    assertThat(presence).isBetween(300, 301);
  }
}
