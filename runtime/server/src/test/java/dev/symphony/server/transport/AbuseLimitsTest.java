package dev.symphony.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import dev.symphony.server.auth.Limits;
import dev.symphony.server.auth.RejectionCounters;
import dev.symphony.server.auth.SecurityConfig;
import dev.symphony.server.protocol.MessageEncoder;
import dev.symphony.server.room.CloseCodes;
import dev.symphony.server.testing.RawWebSocket;
import dev.symphony.server.testing.TestServer;
import dev.symphony.yjs.YDoc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The transport's abuse limits, against a real server over real sockets. */
class AbuseLimitsTest {

  private static TestServer serverWith(UnaryOperator<Limits> limits, RejectionCounters counters)
      throws InterruptedException {
    return TestServer.start(
        config ->
            config.withSecurity(
                SecurityConfig.none()
                    .withLimits(limits.apply(Limits.defaults()))
                    .withRejections(counters)));
  }

  @Test
  void connectionLimitsRefuseWithAReasonAndFreeTheirSlotOnClose() throws Exception {
    RejectionCounters counters = new RejectionCounters();
    try (TestServer server = serverWith(l -> l.withConnections(3, 3, 2), counters)) {
      int port = server.server.address().getPort();
      List<Socket> open = new ArrayList<>();
      try {
        open.add(upgrade(port, "/r1", "").socket());
        open.add(upgrade(port, "/r1", "").socket());
        Upgrade roomFull = upgrade(port, "/r1", "");
        assertThat(roomFull.status()).isEqualTo(503);
        assertThat(roomFull.response()).contains("room is full (2 connections)");

        open.add(upgrade(port, "/r2", "").socket());
        Upgrade addressFull = upgrade(port, "/r3", "");
        assertThat(addressFull.status()).isIn(429, 503);

        open.remove(0).close();
        awaitStatus(port, "/r1", 101);
      } finally {
        for (Socket socket : open) {
          socket.close();
        }
      }
      assertThat(counters.count(RejectionCounters.MAX_CONNECTIONS_PER_ROOM)).isEqualTo(1);
    }
  }

  @Test
  void browsersFromOtherOriginsAreRefused() throws Exception {
    RejectionCounters counters = new RejectionCounters();
    try (TestServer server =
        serverWith(l -> l.withAllowedOrigins(Set.of("https://app.example")), counters)) {
      int port = server.server.address().getPort();

      Upgrade evil = upgrade(port, "/doc", "Origin: https://evil.example\r\n");
      assertThat(evil.status()).isEqualTo(403);
      assertThat(evil.response()).contains("origin 'https://evil.example' is not allowed");
      assertThat(upgrade(port, "/doc", "Origin: https://app.example\r\n").status()).isEqualTo(101);
      assertThat(upgrade(port, "/doc", "").status()).isEqualTo(101); // not a browser
      assertThat(counters.count(RejectionCounters.ORIGIN)).isEqualTo(1);
    }
  }

  @Test
  void slowlorisHandshakesTimeOut() throws Exception {
    RejectionCounters counters = new RejectionCounters();
    try (TestServer server =
        serverWith(l -> l.withHandshakeTimeout(Duration.ofMillis(700)), counters)) {
      int port = server.server.address().getPort();
      long start = System.nanoTime();
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write("GET /doc HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // One header byte every 100 ms: never silent long enough for an idle timeout.
        boolean closed = false;
        for (int i = 0; i < 100 && !closed; i++) {
          Thread.sleep(100);
          try {
            out.write('X');
            out.flush();
          } catch (IOException e) {
            closed = true;
          }
          if (!closed && socket.getInputStream().available() == 0) {
            socket.setSoTimeout(1);
            try {
              closed = socket.getInputStream().read() < 0;
            } catch (SocketTimeoutException stillOpen) {
              // still open
            } catch (IOException reset) {
              closed = true;
            }
          }
        }
        assertThat(closed).as("half-open request closed").isTrue();
      }
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(elapsedMillis).isBetween(600L, 5_000L);
      assertThat(counters.count(RejectionCounters.HANDSHAKE_TIMEOUT)).isEqualTo(1);
    }
  }

  @Test
  void aFloodingClientIsThrottledThenClosedWhileOthersKeepFastFanOut() throws Exception {
    RejectionCounters counters = new RejectionCounters();
    Limits.Rate updates = new Limits.Rate(100, 1024 * 1024, 1);
    try (TestServer server =
        serverWith(
            l -> l.withRates(updates, Limits.DEFAULT_AWARENESS_RATE, Duration.ofSeconds(2)),
            counters)) {
      String room = "flood";
      YDoc observed = new YDoc();
      List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
      observed.onUpdate(
          update -> {
            int probes = observed.getText("probe").length();
            while (arrivals.size() < probes) {
              arrivals.add(System.nanoTime());
            }
          });
      try (RoomClient writer = RoomClient.connect(server.wsUrl(), room);
          RoomClient reader =
              RoomClient.connect(
                  server.wsUrl(), room, observed, RoomClient.ClientOptions.defaults())) {
        writer.synced().get(10, TimeUnit.SECONDS);
        reader.synced().get(10, TimeUnit.SECONDS);

        RawWebSocket flooder = RawWebSocket.connect(URI.create(server.wsUrl() + "/" + room));
        AtomicBoolean flooding = new AtomicBoolean(true);
        Thread flood =
            Thread.ofPlatform()
                .start(
                    () -> {
                      YDoc doc = new YDoc();
                      List<byte[]> pending = new ArrayList<>();
                      doc.onUpdate(u -> pending.add(MessageEncoder.update(u)));
                      try {
                        for (int i = 0; flooding.get() && !flooder.isClosed(); i++) {
                          doc.getText("flood").insert(0, "spam " + i);
                          for (byte[] message : pending) {
                            flooder.send(message);
                          }
                          pending.clear();
                        }
                      } catch (RuntimeException closedUnderUs) {
                        // the server closed the flooder: expected
                      }
                    });

        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          sent.add(System.nanoTime());
          writer.change(doc -> doc.getText("probe").insert(0, "x")).get(5, TimeUnit.SECONDS);
          Thread.sleep(100);
        }
        RawWebSocket.Close close = flooder.awaitClose();
        flooding.set(false);
        flood.join(10_000);

        assertThat(close.code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        assertThat(close.reason()).contains("rate limit");
        assertThat(counters.count(RejectionCounters.THROTTLED)).isPositive();
        assertThat(counters.count(RejectionCounters.RATE_LIMITED)).isEqualTo(1);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (arrivals.size() < sent.size() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(arrivals).hasSize(sent.size());
        List<Long> latenciesMillis = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
          latenciesMillis.add(TimeUnit.NANOSECONDS.toMillis(arrivals.get(i) - sent.get(i)));
        }
        Collections.sort(latenciesMillis);
        long median = latenciesMillis.get(latenciesMillis.size() / 2);
        long p90 = latenciesMillis.get(latenciesMillis.size() * 9 / 10);
        System.out.printf(
            "fan-out under flood: median %d ms, p90 %d ms, max %d ms%n",
            median, p90, latenciesMillis.getLast());
        assertThat(median).as("median fan-out %s", latenciesMillis).isLessThan(100);
      }
    }
  }

  @Test
  void thousandsOfIdleConnectionsDoNotStopANewClientFromSyncing() throws Exception {
    int idle = Integer.getInteger("symphony.test.idleConnections", 5_000);
    try (TestServer server = TestServer.start()) {
      int port = server.server.address().getPort();
      List<Socket> sockets = new ArrayList<>(idle);
      try {
        long start = System.nanoTime();
        for (int i = 0; i < idle; i++) {
          Upgrade upgrade = upgrade(port, "/idle-" + (i % 50), "");
          assertThat(upgrade.status()).isEqualTo(101);
          sockets.add(upgrade.socket());
        }
        long openedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long syncStart = System.nanoTime();
        try (RoomClient fresh = RoomClient.connect(server.wsUrl(), "idle-7")) {
          fresh.synced().get(10, TimeUnit.SECONDS);
        }
        System.out.printf(
            "%d idle connections opened in %d ms; a new client synced in %d ms%n",
            idle, openedMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - syncStart));
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
    }
  }

  /** A raw upgrade; the socket stays open when it succeeded (101). */
  record Upgrade(int status, String response, Socket socket) {}

  private static Upgrade upgrade(int port, String path, String headers) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + headers
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[2048];
    while (text.indexOf("\r\n\r\n") < 0) {
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    }
    int status = Integer.parseInt(text.substring(9, 12));
    if (status != 101) {
      // Read the body too (the reason), then let the server close.
      int n;
      while ((n = in.read(buffer)) > 0) {
        text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      }
      socket.close();
    }
    return new Upgrade(status, text.toString(), socket);
  }

  private static void awaitStatus(int port, String path, int status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Upgrade upgrade = upgrade(port, path, "");
      if (upgrade.status() == status || System.nanoTime() > deadline) {
        assertThat(upgrade.status()).isEqualTo(status);
        upgrade.socket().close();
        return;
      }
      Thread.sleep(50);
    }
  }
}
