package dev.symphony.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.server.protocol.MessageEncoder;
import dev.symphony.server.protocol.YMessage;
import dev.symphony.server.room.CloseCodes;
import dev.symphony.server.testing.RawWebSocket;
import dev.symphony.server.testing.StalledSocket;
import dev.symphony.server.testing.TestServer;
import dev.symphony.yjs.YDoc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransportTest {

  private static final int MAX_MESSAGE = 64 * 1024;

  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(c -> c.withMaxMessageBytes(MAX_MESSAGE));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI room(String id) {
    return URI.create(server.wsUrl() + "/" + id);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(server.httpUrl(path)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] textUpdate(String text) {
    YDoc doc = new YDoc();
    doc.getText("t").insert(0, text);
    return doc.encodeStateAsUpdate();
  }

  @Test
  void probesAnswerOnTheSamePort() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> plain = get("/some-room");
    assertThat(plain.statusCode()).isEqualTo(426);
    assertThat(plain.body()).contains("ws://host:port/<room-id>");
  }

  @Test
  void theServerGreetsWithItsStateVector() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(room("greeting"))) {
      assertThat(client.next()).isInstanceOf(YMessage.SyncStep1.class);
    }
  }

  @Test
  void readyzReportsTheLoadOfThisProcess() throws Exception {
    assertThat(get("/readyz").body()).isEqualTo("ready\nconnections 0\nrooms 0\n");
    try (RawWebSocket ann = RawWebSocket.connect(room("load"));
        RawWebSocket bob = RawWebSocket.connect(room("load"))) {
      ann.next(YMessage.SyncStep1.class);
      bob.next(YMessage.SyncStep1.class);

      assertThat(get("/readyz").body()).isEqualTo("ready\nconnections 2\nrooms 1\n");
    }
  }

  @Test
  void anUpdateReachesTheOtherClientEvenInFragments() throws Exception {
    try (RawWebSocket ann = RawWebSocket.connect(room("pair"));
        RawWebSocket bob = RawWebSocket.connect(room("pair"))) {
      ann.next(YMessage.SyncStep1.class);
      bob.next(YMessage.SyncStep1.class);
      byte[] update = textUpdate("hello over the wire");

      ann.sendFragmented(MessageEncoder.update(update), 3);

      YMessage.SyncUpdate received = bob.next(YMessage.SyncUpdate.class);
      YDoc doc = new YDoc();
      doc.applyUpdate(received.update());
      assertThat(doc.getText("t").toString()).isEqualTo("hello over the wire");
    }
  }

  @Test
  void aTextFrameClosesWith1003() {
    try (RawWebSocket client = RawWebSocket.connect(room("text"))) {
      client.sendText("hello?");
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
    }
  }

  @Test
  void anUnknownMessageTypeClosesWith1003() {
    try (RawWebSocket client = RawWebSocket.connect(room("unknown"))) {
      client.send(new byte[] {7, 1, 2});
      RawWebSocket.Close close = client.awaitClose();
      assertThat(close.code()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
      assertThat(close.reason()).contains("unknown message type 7");
    }
  }

  @Test
  void aTruncatedVarintClosesWith1007() {
    try (RawWebSocket client = RawWebSocket.connect(room("truncated"))) {
      client.send(new byte[] {0, 2, (byte) 0x85});
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
    }
  }

  @Test
  void garbageClosesOnlyItsSenderAndTheRoomKeepsItsDocument() throws Exception {
    try (RawWebSocket good = RawWebSocket.connect(room("shared"));
        RawWebSocket bad = RawWebSocket.connect(room("shared"))) {
      good.next(YMessage.SyncStep1.class);
      good.send(MessageEncoder.update(textUpdate("intact")));

      bad.send(MessageEncoder.update(new byte[] {1, 1, (byte) 0xff, (byte) 0xff, 9}));
      assertThat(bad.awaitClose().code()).isEqualTo(CloseCodes.INVALID_PAYLOAD);

      try (RawWebSocket late = RawWebSocket.connect(room("shared"))) {
        late.send(MessageEncoder.syncStep1(new YDoc().encodeStateVector()));
        YDoc doc = new YDoc();
        doc.applyUpdate(late.next(YMessage.SyncStep2.class).update());
        assertThat(doc.getText("t").toString()).isEqualTo("intact");
      }
      assertThat(good.isClosed()).isFalse();
    }
  }

  @Test
  void aMessageOverTheLimitClosesWith1009() {
    try (RawWebSocket client = RawWebSocket.connect(room("big"))) {
      client.send(MessageEncoder.update(new byte[MAX_MESSAGE + 1]));
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }
  }

  @Test
  void aFragmentedMessageOverTheLimitClosesWith1009() {
    try (RawWebSocket client = RawWebSocket.connect(room("big-fragments"))) {
      client.sendFragmented(MessageEncoder.update(new byte[MAX_MESSAGE]), MAX_MESSAGE / 2);
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }
  }

  @Test
  void aPathWithoutRoomIsRefusedAtTheHandshake() {
    assertThatThrownBy(() -> RawWebSocket.connect(URI.create(server.wsUrl() + "/")))
        .hasStackTraceContaining("400");
  }

  @Test
  void shutdownClosesClientsWith1001AndStoresTheDocument() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(room("stored"))) {
      client.next(YMessage.SyncStep1.class);
      client.send(MessageEncoder.update(textUpdate("survives")));
      client.send(MessageEncoder.syncStep1(new YDoc().encodeStateVector()));
      client.next(YMessage.SyncStep2.class); // the update is applied before this answer

      server.close();

      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
      YDoc stored = new YDoc();
      stored.applyUpdate(server.documents.load("stored").orElseThrow());
      assertThat(stored.getText("t").toString()).isEqualTo("survives");
      assertThat(server.catalog.find("stored").orElseThrow().active()).isFalse();
    }
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedInsteadOfBuffered() throws Exception {
    try (RawWebSocket writer = RawWebSocket.connect(room("slow"));
        StalledSocket stalled = StalledSocket.connect(server.server.address().getPort(), "slow")) {
      writer.next(YMessage.SyncStep1.class);
      YDoc doc = new YDoc();
      String chunk = "x".repeat(32 * 1024);
      long sent = 0;
      // Far more than the socket buffers plus the 128 KiB send-queue limit can hold.
      for (int i = 0; i < 1000; i++) {
        byte[] before = doc.encodeStateVector();
        doc.getText("t").insert(0, chunk);
        byte[] frame = MessageEncoder.update(doc.encodeStateAsUpdate(before));
        writer.send(frame);
        sent += frame.length;
      }

      long received = stalled.drainUntilClosed(10_000);

      assertThat(received).as("the server closed the stalled connection").isNotNegative();
      assertThat(received).as("instead of queueing everything for it").isLessThan(sent);
      assertThat(writer.isClosed()).isFalse();
    }
  }

  @Test
  void aSilentConnectionIsPingedThenClosedWhileAnAnsweringOneStays() throws Exception {
    try (TestServer quick = TestServer.start(c -> c.withKeepAliveInterval(Duration.ofMillis(300)));
        RawWebSocket answering = RawWebSocket.connect(URI.create(quick.wsUrl() + "/idle"));
        StalledSocket silent = StalledSocket.connect(quick.server.address().getPort(), "idle")) {
      assertThat(silent.drainUntilClosed(5_000))
          .as("closed after two silent keep-alive intervals")
          .isNotNegative();
      // The JDK client answers pings by itself, so it is never silent.
      assertThat(answering.isClosed()).isFalse();
    }
  }
}
