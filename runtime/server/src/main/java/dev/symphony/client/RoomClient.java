package dev.symphony.client;

import dev.symphony.server.protocol.AwarenessUpdate;
import dev.symphony.server.protocol.MalformedMessageException;
import dev.symphony.server.protocol.MessageDecoder;
import dev.symphony.server.protocol.MessageEncoder;
import dev.symphony.server.protocol.YMessage;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YjsDecodingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A y-websocket client for the JVM: keeps a local {@link YDoc} in sync with a room, sends local
 * changes as they happen, and shares presence (awareness). Speaks the same protocol as the {@code
 * y-websocket} provider, so it works with Symphony and with any y-websocket server.
 *
 * <p>The document belongs to the client's own thread of control: read and change it only through
 * {@link #read} and {@link #change}. Reconnects with backoff when the connection drops; edits made
 * meanwhile are merged when it is back.
 */
public final class RoomClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RoomClient.class);

  /** As y-protocols: the local presence is renewed this often so others do not time it out. */
  static final Duration PRESENCE_RENEWAL = Duration.ofSeconds(15);

  private static final Duration TICK = Duration.ofSeconds(3);

  /** Where the client is with its server. */
  public enum Status {
    CONNECTING,
    CONNECTED,
    SYNCED,
    DISCONNECTED,
    CLOSED
  }

  private final URI uri;
  private final YDoc doc;
  private final ClientOptions options;
  private final SerialExecutor executor;
  private final ClientAwareness awareness;
  private final Clock clock = Clock.systemUTC();
  private final List<Consumer<Map<Long, String>>> presenceListeners = new CopyOnWriteArrayList<>();
  private final AutoCloseable updateSubscription;
  private final ScheduledFuture<?> ticker;

  private volatile Status status = Status.DISCONNECTED;
  private volatile Map<Long, String> presenceView = Map.of();
  private volatile CompletableFuture<Void> syncedView;
  private volatile String lastClose = "";

  // Confined to the executor.
  private WebSocketLink link;
  private boolean connecting;
  private boolean wanted;
  private boolean applyingRemote;
  private int failedAttempts;
  private CompletableFuture<Void> synced = new CompletableFuture<>();
  private Instant lastRenewal = Instant.EPOCH;

  private RoomClient(URI uri, YDoc doc, ClientOptions options) {
    this.uri = uri;
    this.doc = doc;
    this.options = options;
    this.executor = new SerialExecutor(options.pool());
    this.awareness = new ClientAwareness(doc.clientId());
    this.syncedView = synced;
    this.updateSubscription = doc.onUpdate(this::onLocalUpdate);
    long tick = TICK.toMillis();
    this.ticker =
        ClientOptions.timers()
            .scheduleAtFixedRate(
                () -> executor.execute(this::tick), tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Connects a fresh document to {@code serverUrl/roomId} ({@code ws://host:port}). */
  public static RoomClient connect(URI serverUrl, String roomId) {
    return connect(serverUrl, roomId, new YDoc(), ClientOptions.defaults());
  }

  /**
   * Connects {@code doc} to the room. The document belongs to the client from now on: touch it only
   * through {@link #read} and {@link #change}.
   */
  public static RoomClient connect(URI serverUrl, String roomId, YDoc doc, ClientOptions options) {
    RoomClient client = new RoomClient(RoomUri.of(serverUrl, roomId), doc, options);
    client.reconnect();
    return client;
  }

  public URI uri() {
    return uri;
  }

  public Status status() {
    return status;
  }

  /** The document's client id, which is also this client's awareness id. */
  public long clientId() {
    return doc.clientId();
  }

  /** The close code and reason of the last connection that ended, for diagnostics. */
  public String lastClose() {
    return lastClose;
  }

  /**
   * Completes when the document has received the server's state on the current (or next)
   * connection; fails when the server denies access.
   */
  public CompletableFuture<Void> synced() {
    return syncedView;
  }

  /** Reads the document on the client's thread. */
  public <T> CompletableFuture<T> read(Function<YDoc, T> reader) {
    CompletableFuture<T> result = new CompletableFuture<>();
    executor.execute(
        () -> {
          try {
            result.complete(reader.apply(doc));
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  /** Changes the document in one transaction; the change is sent to the room as one update. */
  public CompletableFuture<Void> change(Consumer<YDoc> edit) {
    return read(
        d -> {
          d.transact(() -> edit.accept(d));
          return null;
        });
  }

  /** Sets this client's presence (JSON text), or clears it with {@code null}. */
  public CompletableFuture<Void> setPresence(String json) {
    return read(
        d -> {
          byte[] update = awareness.setLocal(json);
          lastRenewal = clock.instant();
          sendIfOpen(MessageEncoder.awareness(update));
          publishPresence();
          return null;
        });
  }

  /** Every known presence state by client id, this client's included. */
  public Map<Long, String> presence() {
    return presenceView;
  }

  /** Called (on the client's thread) with all presence states whenever they change. */
  public void onPresenceChange(Consumer<Map<Long, String>> listener) {
    presenceListeners.add(listener);
  }

  /** Closes the connection and stays offline; local edits keep accumulating in the document. */
  public CompletableFuture<Void> disconnect() {
    return read(
        d -> {
          wanted = false;
          if (link != null) {
            link.close();
            dropLink("disconnected by the application");
          }
          return null;
        });
  }

  /** Connects again after {@link #disconnect}; completes when the document is in sync. */
  public CompletableFuture<Void> reconnect() {
    executor.execute(
        () -> {
          wanted = true;
          openLink();
        });
    return syncedView;
  }

  /** Drops the connection abruptly, as a network failure would; reconnects when enabled. */
  public void dropConnection() {
    executor.execute(
        () -> {
          if (link != null) {
            link.abort();
            onLinkClosed(link, 1006, "dropped by the application");
          }
        });
  }

  @Override
  public void close() {
    ticker.cancel(false);
    disconnect().join();
    status = Status.CLOSED;
    try {
      updateSubscription.close();
    } catch (Exception e) {
      log.debug("update listener close failed", e);
    }
  }

  private void openLink() {
    if (!wanted || link != null || connecting) {
      return;
    }
    connecting = true;
    status = Status.CONNECTING;
    WebSocketLink.open(options.http(), uri, new LinkEvents())
        .whenComplete((opened, failure) -> executor.execute(() -> onOpened(opened, failure)));
  }

  private void onOpened(WebSocketLink opened, Throwable failure) {
    connecting = false;
    if (failure != null) {
      lastClose = "connect failed: " + failure.getMessage();
      failedAttempts++;
      scheduleReconnect();
      return;
    }
    if (!wanted) {
      opened.close();
      return;
    }
    if (opened.ended()) {
      // It failed before we took it on (its close event was ignored as not ours yet).
      failedAttempts++;
      scheduleReconnect();
      return;
    }
    link = opened;
    failedAttempts = 0;
    status = Status.CONNECTED;
    opened.startReceiving();
    // As the y-websocket provider: our state vector, so the server sends what we lack; then our
    // presence.
    sendIfOpen(MessageEncoder.syncStep1(doc.encodeStateVector()));
    if (awareness.local() != null) {
      sendIfOpen(MessageEncoder.awareness(awareness.encodeLocal()));
    }
  }

  private void onMessage(WebSocketLink from, byte[] frame) {
    if (from != link) {
      return;
    }
    YMessage message;
    try {
      message = MessageDecoder.decode(frame);
    } catch (MalformedMessageException e) {
      log.warn("malformed message from {}: {}", uri, e.getMessage());
      return;
    }
    switch (message) {
      case YMessage.SyncStep1 step1 -> answerStep1(step1.stateVector());
      case YMessage.SyncStep2 step2 -> {
        applyRemote(step2.update());
        status = Status.SYNCED;
        synced.complete(null);
      }
      case YMessage.SyncUpdate update -> applyRemote(update.update());
      case YMessage.Awareness update -> applyAwareness(update.update());
      case YMessage.QueryAwareness query ->
          sendIfOpen(MessageEncoder.awareness(awareness.encodeAll()));
      case YMessage.Auth auth -> {
        log.warn("permission denied for {}: {}", uri, auth.reason());
        wanted = false;
        synced.completeExceptionally(new IOException("permission denied: " + auth.reason()));
        link.close();
        dropLink("permission denied: " + auth.reason());
      }
    }
  }

  private void answerStep1(byte[] stateVector) {
    try {
      sendIfOpen(MessageEncoder.syncStep2(doc.encodeStateAsUpdate(stateVector)));
    } catch (YjsDecodingException e) {
      log.warn("invalid state vector from {}: {}", uri, e.getMessage());
    }
  }

  private void applyRemote(byte[] update) {
    applyingRemote = true;
    try {
      doc.applyUpdate(update);
    } catch (YjsDecodingException e) {
      log.warn("invalid update from {}: {}", uri, e.getMessage());
    } finally {
      applyingRemote = false;
    }
  }

  private void applyAwareness(byte[] update) {
    try {
      if (awareness.apply(AwarenessUpdate.decode(update), clock.instant())) {
        publishPresence();
      }
    } catch (MalformedMessageException e) {
      log.warn("malformed awareness from {}: {}", uri, e.getMessage());
    }
  }

  /** Local edits (never the ones this client applied from the server) go to the room. */
  private void onLocalUpdate(byte[] update) {
    if (!applyingRemote) {
      sendIfOpen(MessageEncoder.update(update));
    }
  }

  private void onLinkClosed(WebSocketLink closed, int code, String reason) {
    if (closed != link) {
      return;
    }
    dropLink(code + " " + reason);
    if (wanted && options.autoReconnect()) {
      scheduleReconnect();
    } else if (!synced.isDone()) {
      synced.completeExceptionally(new IOException("connection closed: " + code + " " + reason));
    }
  }

  private void dropLink(String why) {
    link = null;
    lastClose = why;
    status = Status.DISCONNECTED;
    awareness.clearRemote();
    publishPresence();
    if (synced.isDone() && !synced.isCompletedExceptionally()) {
      synced = new CompletableFuture<>();
      syncedView = synced;
    }
  }

  private void scheduleReconnect() {
    if (!wanted || !options.autoReconnect()) {
      if (!synced.isDone()) {
        synced.completeExceptionally(new IOException(lastClose));
      }
      return;
    }
    long delay =
        Math.min(100L << Math.min(failedAttempts, 10), options.maxReconnectDelay().toMillis());
    ClientOptions.timers()
        .schedule(() -> executor.execute(this::openLink), delay, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    Instant now = clock.instant();
    if (link != null
        && awareness.local() != null
        && !now.isBefore(lastRenewal.plus(PRESENCE_RENEWAL))) {
      lastRenewal = now;
      sendIfOpen(MessageEncoder.awareness(awareness.setLocal(awareness.local())));
    }
    if (awareness.dropOutdated(now)) {
      publishPresence();
    }
  }

  private void sendIfOpen(byte[] message) {
    if (link != null) {
      link.send(message);
    }
  }

  private void publishPresence() {
    Map<Long, String> view = Map.copyOf(awareness.all());
    if (view.equals(presenceView)) {
      return;
    }
    presenceView = view;
    for (Consumer<Map<Long, String>> listener : presenceListeners) {
      listener.accept(view);
    }
  }

  private final class LinkEvents implements WebSocketLink.Events {
    @Override
    public void onMessage(WebSocketLink from, byte[] message) {
      executor.execute(() -> RoomClient.this.onMessage(from, message));
    }

    @Override
    public void onClosed(WebSocketLink from, int code, String reason) {
      executor.execute(() -> onLinkClosed(from, code, reason));
    }
  }

  /** Settings shared by many clients: the HTTP client, the thread pool and reconnect policy. */
  public record ClientOptions(
      HttpClient http, Executor pool, boolean autoReconnect, Duration maxReconnectDelay) {

    private static final class Shared {
      static final HttpClient HTTP = HttpClient.newHttpClient();
      static final Executor POOL =
          java.util.concurrent.Executors.newCachedThreadPool(
              Thread.ofPlatform().name("symphony-client-", 0).daemon().factory());
      static final java.util.concurrent.ScheduledExecutorService TIMERS =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("symphony-client-timer").daemon().factory());
    }

    /** One shared HTTP client and pool, reconnecting with backoff up to 2.5 s (as y-websocket). */
    public static ClientOptions defaults() {
      return new ClientOptions(Shared.HTTP, Shared.POOL, true, Duration.ofMillis(2500));
    }

    public ClientOptions withAutoReconnect(boolean value) {
      return new ClientOptions(http, pool, value, maxReconnectDelay);
    }

    static java.util.concurrent.ScheduledExecutorService timers() {
      return Shared.TIMERS;
    }
  }
}
