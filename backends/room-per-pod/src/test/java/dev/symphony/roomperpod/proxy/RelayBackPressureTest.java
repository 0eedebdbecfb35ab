package dev.symphony.roomperpod.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.roomperpod.orchestrator.RoomBackend;
import dev.symphony.roomperpod.orchestrator.RoomOrchestrator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A backend that stops reading must stop the proxy reading from the client (not buffer the flood in
 * the proxy's memory); once it reads again, every byte arrives.
 */
class RelayBackPressureTest {

  private static final int FLOOD_BYTES = 64 * 1024 * 1024;
  private static final String UPGRADE =
      "GET /flood HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

  @Test
  void aBackendThatStopsReadingStopsTheClientAndLosesNothing() throws Exception {
    CountDownLatch backendMayRead = new CountDownLatch(1);
    AtomicLong backendReceived = new AtomicLong();
    try (ServerSocket backendServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ProxyMetrics metrics = new ProxyMetrics()) {
      Thread backend =
          Thread.ofPlatform()
              .start(() -> serveSlowBackend(backendServer, backendMayRead, backendReceived));
      RoomOrchestrator fixed = new FixedOrchestrator(backendServer.getLocalPort());
      RoomProxy proxy = RoomProxy.start(ProxySettings.of("127.0.0.1", 0), fixed, metrics);
      try (Socket client = new Socket("127.0.0.1", proxy.address().getPort())) {
        OutputStream out = client.getOutputStream();
        out.write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
        assertThat(readHeaders(client.getInputStream())).startsWith("HTTP/1.1 101");

        AtomicLong written = new AtomicLong();
        CompletableFuture<Void> flood =
            CompletableFuture.runAsync(
                () -> {
                  byte[] chunk = new byte[64 * 1024];
                  try {
                    for (int sent = 0; sent < FLOOD_BYTES; sent += chunk.length) {
                      out.write(chunk);
                      written.addAndGet(chunk.length);
                    }
                  } catch (IOException e) {
                    throw new RuntimeException(e);
                  }
                });
        Thread.sleep(3000);
        // Kernel buffers on three sockets hold a few MiB; without back-pressure all 64 MiB would
        // have gone into the proxy's memory by now.
        assertThat(flood).isNotDone();
        assertThat(written.get()).isLessThan(FLOOD_BYTES / 2);
        double relayed = metrics.toBackend().count();
        assertThat(relayed).isLessThan(FLOOD_BYTES / 2.0);

        backendMayRead.countDown();
        flood.get(60, TimeUnit.SECONDS);
        backend.join(Duration.ofSeconds(60));
        assertThat(backendReceived.get()).isEqualTo(FLOOD_BYTES);
      } finally {
        proxy.close();
      }
    }
  }

  /** Answers the upgrade, then reads nothing until allowed; then reads the whole flood. */
  private static void serveSlowBackend(
      ServerSocket server, CountDownLatch mayRead, AtomicLong received) {
    try (Socket socket = server.accept()) {
      readHeaders(socket.getInputStream());
      socket
          .getOutputStream()
          .write(
              ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      mayRead.await();
      byte[] buffer = new byte[64 * 1024];
      InputStream in = socket.getInputStream();
      while (received.get() < FLOOD_BYTES) {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        received.addAndGet(n);
      }
    } catch (IOException | InterruptedException e) {
      throw new RuntimeException(e);
    }
  }

  private static String readHeaders(InputStream in) throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      headers.write(b);
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }

  /** Every room is the one backend at {@code port}. */
  private record FixedOrchestrator(int port) implements RoomOrchestrator {
    @Override
    public CompletableFuture<RoomBackend> ensure(String roomId, Duration readyTimeout) {
      return CompletableFuture.completedFuture(new RoomBackend(roomId, "fixed", "127.0.0.1", port));
    }

    @Override
    public CompletableFuture<Void> stop(String roomId) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<RoomBackend> active() {
      return List.of();
    }

    @Override
    public String kind() {
      return "fixed";
    }

    @Override
    public void close() {}
  }
}
