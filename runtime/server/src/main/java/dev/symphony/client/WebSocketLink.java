package dev.symphony.client;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket connection through the JDK's client: whole binary messages in, binary messages out.
 * The JDK allows one send at a time, so sends are chained; messages arriving in parts are put
 * together before they are handed on.
 */
final class WebSocketLink {

  /** What the link reports; called on the JDK client's threads, in order. */
  interface Events {
    void onMessage(WebSocketLink link, byte[] message);

    void onClosed(WebSocketLink link, int code, String reason);
  }

  private final WebSocket socket;
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
  private volatile boolean ended;

  private WebSocketLink(WebSocket socket) {
    this.socket = socket;
  }

  static CompletableFuture<WebSocketLink> open(HttpClient http, URI uri, Events events) {
    Receiver receiver = new Receiver(events);
    return http.newWebSocketBuilder()
        .buildAsync(uri, receiver)
        .thenApply(
            socket -> {
              WebSocketLink link = new WebSocketLink(socket);
              receiver.bind(link);
              return link;
            });
  }

  /**
   * Starts delivering messages. Called by the owner once it has registered this link, so that no
   * message can arrive before its owner knows the link it came on.
   */
  void startReceiving() {
    socket.request(1);
  }

  /** Queues a binary message; the returned future completes once it is written. */
  synchronized CompletableFuture<?> send(byte[] message) {
    sending =
        sending
            .exceptionally(ignored -> null)
            .thenCompose(ignored -> socket.sendBinary(ByteBuffer.wrap(message), true));
    return sending;
  }

  /** Sends a normal close after the queued messages. */
  synchronized void close() {
    sending =
        sending
            .exceptionally(ignored -> null)
            .thenCompose(ignored -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
            .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
            .whenComplete((ignored, failure) -> socket.abort());
  }

  /** Whether the connection has ended (reported before {@link Events#onClosed} is called). */
  boolean ended() {
    return ended;
  }

  /** Drops the connection at once, without a close handshake (a network failure, as it were). */
  void abort() {
    socket.abort();
  }

  private static final class Receiver implements WebSocket.Listener {
    private final Events events;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile WebSocketLink link;

    Receiver(Events events) {
      this.events = events;
    }

    void bind(WebSocketLink link) {
      this.link = link;
    }

    @Override
    public void onOpen(WebSocket socket) {
      // Nothing is requested yet: see startReceiving().
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      if (!last) {
        partial.writeBytes(bytes);
      } else if (partial.size() > 0) {
        partial.writeBytes(bytes);
        byte[] message = partial.toByteArray();
        partial.reset();
        events.onMessage(link, message);
      } else {
        events.onMessage(link, bytes);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      socket.request(1); // the y-websocket protocol has no text messages
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
      link.ended = true;
      events.onClosed(link, code, reason);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      if (link != null) {
        link.ended = true;
        events.onClosed(link, 1006, String.valueOf(error.getMessage()));
      }
    }
  }
}
