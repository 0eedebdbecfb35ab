package dev.symphony.load.user;

import dev.symphony.load.measure.Counter;
import dev.symphony.load.measure.Measurements;
import dev.symphony.load.protocol.Protocol;
import dev.symphony.load.protocol.YMessage;
import dev.symphony.load.protocol.YWebsocketCodec;
import dev.symphony.load.stamp.PresenceStamp;
import dev.symphony.load.stamp.UpdateStamp;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YText;
import dev.symphony.yjs.YjsDecodingException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One simulated editor: a real Yjs document (our Java engine, one client id, clocks that grow with
 * each edit) that speaks y-websocket. It is driven by a Gatling virtual user but knows nothing of
 * Gatling, so the same logic is unit-tested against an in-memory relay.
 *
 * <p>Not thread-safe: a virtual user is only touched by the Gatling event loop that runs it.
 */
public final class VirtualUser {

  /** The shared text every user inserts its stamps into. */
  public static final String TEXT = "body";

  private final long user;
  private final String room;
  private final Protocol protocol;
  private final RoomLedger ledger;
  private final RoomLedger.Sender sender;
  private final Measurements measurements;
  private final MicroClock clock;
  private final int padding;
  private final YDoc doc;
  private final YText text;
  private final Schedule updates;
  private final Schedule presence;
  private final ArrayDeque<byte[]> replies = new ArrayDeque<>();
  private final Deliveries updateDeliveries = new Deliveries();
  private final Deliveries presenceDeliveries = new Deliveries();

  private byte[] lastLocalUpdate;
  private long awarenessClock;
  private final long openedMicros;
  private RoomLedger.Marks startMarks;
  private boolean finished;

  public VirtualUser(
      long user,
      long clientId,
      String room,
      Protocol protocol,
      RoomLedger ledger,
      Measurements measurements,
      MicroClock clock,
      double updatesPerSecond,
      double presencePerSecond,
      int padding) {
    this.user = user;
    this.room = room;
    this.protocol = protocol;
    this.ledger = ledger;
    this.sender = ledger.sender(user);
    this.measurements = measurements;
    this.clock = clock;
    this.padding = padding;
    this.doc = new YDoc(clientId);
    this.text = doc.getText(TEXT);
    this.updates = new Schedule(updatesPerSecond);
    this.presence = new Schedule(presencePerSecond);
    this.openedMicros = clock.nowMicros();
    measurements.increment(Counter.USERS_STARTED);
  }

  public long user() {
    return user;
  }

  public String room() {
    return room;
  }

  public long clientId() {
    return doc.clientId();
  }

  /** Frames to send right after the socket opens (Hocuspocus: the auth token). */
  public List<byte[]> handshake() {
    return protocol.handshake(room).stream().map(this::sent).toList();
  }

  /** Our sync step 1: the (empty) state vector of our document. */
  public byte[] syncStep1() {
    return sent(protocol.wrap(room, YWebsocketCodec.syncStep1(doc.encodeStateVector())));
  }

  /**
   * The server answered our step 1: apply its state and start listening. From now on the server has
   * us in the room, so every stamp a room-mate sends after this moment must reach us. We also
   * answer the server's own step 1 (which Gatling's await skips) with what the server lacks, as the
   * y-websocket provider does: everything we had before its step 2 arrived (for a fresh user, an
   * empty update).
   */
  public void onInitialSync(byte[] step2Frame) {
    measurements.recordSyncTime(clock.nowMicros() - openedMicros);
    startMarks = ledger.snapshot();
    measurements.increment(Counter.USERS_SYNCED);
    replies.add(protocol.wrap(room, YWebsocketCodec.syncStep2(doc.encodeStateAsUpdate())));
    onFrame(step2Frame, System.currentTimeMillis());
    long now = clock.nowMicros();
    updates.start(now);
    presence.start(now);
  }

  /** The user never got through connect + initial sync. */
  public void onConnectFailed() {
    measurements.increment(Counter.USERS_FAILED);
    finished = true;
  }

  public boolean listening() {
    return startMarks != null && !finished;
  }

  /** Handles one frame from the server, received at {@code receivedMillis} (epoch). */
  public void onFrame(byte[] frame, long receivedMillis) {
    measurements.increment(Counter.FRAMES_RECEIVED);
    measurements.add(Counter.BYTES_RECEIVED, frame.length);
    YMessage message;
    try {
      message = protocol.unwrap(frame);
    } catch (YjsDecodingException | RuntimeException e) {
      measurements.increment(Counter.DECODE_ERRORS);
      return;
    }
    // Gatling stamps frames in whole milliseconds: the frame arrived before the next one began, so
    // the end of that millisecond is a bound that never understates latency.
    long receivedMicros = (receivedMillis + 1) * 1000;
    switch (message) {
      case YMessage.SyncStep1 step1 -> answer(step1.stateVector());
      case YMessage.SyncStep2 step2 -> applyRemote(step2.update(), receivedMicros);
      case YMessage.SyncUpdate update -> applyRemote(update.update(), receivedMicros);
      case YMessage.Awareness awareness -> onAwareness(awareness, receivedMicros);
      case YMessage.QueryAwareness query -> {
        if (awarenessClock > 0) {
          replies.add(presenceFrame(presence.lastSeq, clock.nowMicros(), false));
        }
      }
      case YMessage.Auth auth -> {
        if (!auth.granted()) {
          measurements.increment(Counter.AUTH_DENIED);
        }
      }
      case YMessage.Ignored ignored -> {}
    }
  }

  private void answer(byte[] stateVector) {
    try {
      replies.add(
          protocol.wrap(room, YWebsocketCodec.syncStep2(doc.encodeStateAsUpdate(stateVector))));
    } catch (YjsDecodingException e) {
      measurements.increment(Counter.DECODE_ERRORS);
    }
  }

  private void applyRemote(byte[] update, long receivedMicros) {
    try {
      doc.applyUpdate(update);
    } catch (YjsDecodingException e) {
      measurements.increment(Counter.DECODE_ERRORS);
      return;
    }
    if (!listening()) {
      return;
    }
    for (UpdateStamp stamp : UpdateStamp.findAll(update)) {
      if (stamp.user() == user) {
        measurements.increment(Counter.ECHOES);
      } else if (updateDeliveries.record(
          stamp.user(), stamp.seq(), startMarks.updates(stamp.user()))) {
        measurements.recordUpdateLatency(stamp.sentMicros(), receivedMicros);
      }
    }
  }

  private void onAwareness(YMessage.Awareness awareness, long receivedMicros) {
    if (!listening()) {
      return;
    }
    for (YMessage.AwarenessEntry entry : awareness.entries()) {
      PresenceStamp.read(entry.json())
          .ifPresent(
              stamp -> {
                if (stamp.user() == user) {
                  measurements.increment(Counter.ECHOES);
                } else if (presenceDeliveries.record(
                    stamp.user(), stamp.seq(), startMarks.presence(stamp.user()))) {
                  measurements.recordPresenceLatency(stamp.sentMicros(), receivedMicros);
                }
              });
    }
  }

  public boolean hasReply() {
    return !replies.isEmpty();
  }

  /** The next queued answer (sync step 2 or our awareness), framed. */
  public byte[] nextReply() {
    measurements.increment(Counter.REPLIES_SENT);
    return sent(replies.poll());
  }

  public boolean updateDue(long nowMicros) {
    return listening() && updates.due(nowMicros);
  }

  public boolean presenceDue(long nowMicros) {
    return listening() && presence.due(nowMicros);
  }

  /**
   * Makes one real edit (inserts a stamp at the start of the shared text in one transaction) and
   * returns the update message carrying exactly that transaction's Yjs update.
   *
   * <p>At the start, not the end: a Yjs client forgets its position markers whenever a remote
   * change arrives (our engine does as Yjs does), so finding the end walks the whole text, and in a
   * room where every edit is followed by remote ones that walk grows with the run (about 0.3 ms per
   * edit at 8,000 stamps). For the server an insert at either end is the same work.
   */
  public byte[] nextUpdate() {
    long seq = sender.nextUpdateSeq();
    long now = clock.nowMicros();
    String stamp = new UpdateStamp(user, seq, now).toText(padding);
    lastLocalUpdate = null;
    // Listening only around our own edit spares encoding an update for every remote one applied.
    AutoCloseable capture = doc.onUpdate(update -> lastLocalUpdate = update);
    try {
      doc.transact(() -> text.insert(0, stamp));
    } finally {
      stopListening(capture);
    }
    updates.sent(seq, now);
    measurements.increment(Counter.UPDATES_SENT);
    return sent(protocol.wrap(room, YWebsocketCodec.syncUpdate(lastLocalUpdate)));
  }

  private static void stopListening(AutoCloseable subscription) {
    try {
      subscription.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing an update listener failed", e);
    }
  }

  /** A new awareness state (cursor at the end of the text) with a growing clock. */
  public byte[] nextPresence() {
    long seq = sender.nextPresenceSeq();
    long now = clock.nowMicros();
    presence.sent(seq, now);
    measurements.increment(Counter.PRESENCE_SENT);
    return sent(presenceFrame(seq, now, true));
  }

  private byte[] presenceFrame(long seq, long nowMicros, boolean newState) {
    if (newState || awarenessClock == 0) {
      awarenessClock++;
    }
    String json = new PresenceStamp(user, Math.max(seq, 1), nowMicros).toJson(text.length());
    return protocol.wrap(
        room,
        YWebsocketCodec.awareness(
            List.of(new YMessage.AwarenessEntry(doc.clientId(), awarenessClock, json))));
  }

  /**
   * Stops listening (after the drain period, or when the connection broke) and adds this user's
   * expected/received/lost counts to the totals. Only the first call counts.
   */
  public void finish(boolean dropped) {
    if (finished) {
      return;
    }
    finished = true;
    if (startMarks == null) {
      return;
    }
    if (dropped) {
      measurements.increment(Counter.USERS_DROPPED);
    }
    RoomLedger.Marks endMarks = ledger.snapshot();
    Deliveries.Tally u = updateDeliveries.exact(user, startMarks, endMarks);
    measurements.add(Counter.UPDATES_EXPECTED, u.expected());
    measurements.add(Counter.UPDATES_RECEIVED, u.received());
    measurements.add(Counter.UPDATES_LOST, u.lost());
    measurements.add(Counter.UPDATE_DUPLICATES, u.duplicates());
    Deliveries.Tally p = presenceDeliveries.latestWins(user, startMarks, endMarks);
    measurements.add(Counter.PRESENCE_EXPECTED, p.expected());
    measurements.add(Counter.PRESENCE_RECEIVED, p.received());
    measurements.add(Counter.PRESENCE_LOST, p.lost());
  }

  /** The text as this user's replica sees it (tests compare replicas). */
  public String text() {
    return text.toString();
  }

  private byte[] sent(byte[] frame) {
    measurements.add(Counter.BYTES_SENT, frame.length);
    return frame;
  }

  /**
   * When the next message of one kind is due, at a fixed rate. A late tick (overloaded generator)
   * sends once and moves on instead of bursting to catch up; the sent count then falls short of the
   * target, which the report shows.
   */
  private static final class Schedule {
    private final long intervalMicros;
    private long nextMicros = Long.MAX_VALUE;
    long lastSeq;

    Schedule(double perSecond) {
      this.intervalMicros = perSecond > 0 ? Math.round(1_000_000 / perSecond) : 0;
    }

    void start(long nowMicros) {
      nextMicros = intervalMicros > 0 ? nowMicros : Long.MAX_VALUE;
    }

    boolean due(long nowMicros) {
      // a little early is fine: ticks come from Gatling's pace, which has its own jitter
      return nowMicros >= nextMicros - intervalMicros / 10;
    }

    void sent(long seq, long nowMicros) {
      lastSeq = seq;
      nextMicros += intervalMicros;
      if (nextMicros < nowMicros - intervalMicros) {
        nextMicros = nowMicros + intervalMicros;
      }
    }
  }
}
