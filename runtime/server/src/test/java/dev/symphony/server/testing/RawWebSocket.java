package dev.symphony.server.testing;

import dev.symphony.server.protocol.MessageDecoder;
import dev.symphony.server.protocol.YMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bare WebSocket for protocol tests: sends whatever bytes a test wants, even broken ones, and
 * records what comes back and how the server closed.
 */
public final class RawWebSocket implements AutoCloseable {

  public record Close(int code, String reason) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final WebSocket socket;
  private final BlockingQueue<byte[]> received;
  private final CompletableFuture<Close> closed;

  private RawWebSocket(
      WebSocket socket, BlockingQueue<byte[]> received, CompletableFuture<Close> closed) {
    this.socket = socket;
    this.received = received;
    this.closed = closed;
  }

  public static RawWebSocket connect(URI uri) {
    return connect(uri, true);
  }

  /** With {@code reading} false the socket never asks for messages: a client that stalls. */
  public static RawWebSocket connect(URI uri, boolean reading) {
    BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    CompletableFuture<Close> closed = new CompletableFuture<>();
    AtomicBoolean read = new AtomicBoolean(reading);
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

          @Override
          public void onOpen(WebSocket webSocket) {
            if (read.get()) {
              webSocket.request(1);
            }
          }

          @Override
          public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.writeBytes(bytes);
            if (last) {
              received.add(partial.toByteArray());
              partial.reset();
            }
            webSocket.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
            closed.complete(new Close(code, reason));
            return null;
          }

          @Override
          public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Close(1006, String.valueOf(error)));
          }
        };
    WebSocket socket =
        HTTP.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(uri, listener)
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    return new RawWebSocket(socket, received, closed);
  }

  public void send(byte[] frame) {
    socket.sendBinary(ByteBuffer.wrap(frame), true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Sends one message as two WebSocket frames (a fragmented message). */
  public void sendFragmented(byte[] frame, int splitAt) {
    socket
        .sendBinary(ByteBuffer.wrap(frame, 0, splitAt), false)
        .thenCompose(
            s -> s.sendBinary(ByteBuffer.wrap(frame, splitAt, frame.length - splitAt), true))
        .orTimeout(10, TimeUnit.SECONDS)
        .join();
  }

  public void sendText(String text) {
    socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** The next message from the server, decoded; fails after 10 s. */
  public YMessage next() throws Exception {
    byte[] frame = received.poll(10, TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("no message within 10 s; closed: " + closed.getNow(null));
    }
    return MessageDecoder.decode(frame);
  }

  /** The next message of the given kind, skipping others; fails after 10 s. */
  public <T extends YMessage> T next(Class<T> kind) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      byte[] frame = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (frame == null) {
        break;
      }
      YMessage message = MessageDecoder.decode(frame);
      if (kind.isInstance(message)) {
        return kind.cast(message);
      }
    }
    throw new AssertionError("no " + kind.getSimpleName() + " within 10 s");
  }

  /** Whatever arrives within {@code wait}, or null. */
  public byte[] poll(Duration wait) throws InterruptedException {
    return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** How the server closed the connection; fails after 10 s. */
  public Close awaitClose() {
    return closed.orTimeout(10, TimeUnit.SECONDS).join();
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    socket.abort();
  }
}
