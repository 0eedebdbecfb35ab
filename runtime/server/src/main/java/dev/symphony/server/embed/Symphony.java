package dev.symphony.server.embed;

import dev.symphony.server.RoomServer;
import dev.symphony.server.ServerSetup;
import dev.symphony.server.auth.AccessDeniedException;
import dev.symphony.server.auth.RoomGrant;
import dev.symphony.server.auth.TokenVerifier;
import dev.symphony.server.config.ObservabilityConfig;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomRegistry;
import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import dev.symphony.server.store.RoomCatalog;
import dev.symphony.server.store.UpdateLog;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Symphony inside an application's own JVM: a complete server (y-websocket endpoint, document API,
 * admin API, metrics) built in code, with hooks into its life.
 *
 * <pre>{@code
 * Symphony symphony = Symphony.builder()
 *     .port(1234)
 *     .documents(new FileDocumentStore(Path.of("data/documents")))
 *     .onAuthenticate(token -> sessions.grantFor(token))      // fast: runs on an event loop
 *     .onLoad(roomId -> database.importDocument(roomId))       // may block: storage thread
 *     .onStore((roomId, snapshot) -> database.save(roomId, snapshot))
 *     .onChange(Duration.ofSeconds(2), change -> search.reindex(change.roomId()))
 *     .onConnect(event -> audit.joined(event))
 *     .onDisconnect(event -> audit.left(event))
 *     .start();
 * ...
 * symphony.close(); // stores every room, then delivers pending hook calls
 * }</pre>
 *
 * Each hook's javadoc says on which thread it runs and what blocking there does: {@link
 * OnAuthenticate} runs on an I/O event loop and must not block; {@link OnLoad} and {@link OnStore}
 * run on storage threads; {@link OnChange} and {@link OnConnection} run one at a time on the {@code
 * symphony-hooks} thread. No hook runs on a room's executor.
 */
public final class Symphony implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Symphony.class);

  private final RoomServer server;
  private final HookDispatcher hooks;

  private Symphony(RoomServer server, HookDispatcher hooks) {
    this.server = server;
    this.hooks = hooks;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The bound address (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.address();
  }

  /** The running server, for what the embedding API does not cover (metrics, readiness checks). */
  public RoomServer server() {
    return server;
  }

  /**
   * The room's whole document as one Yjs update (v1), read on the room's executor; loads the room
   * when it is not in memory (an empty room when nothing is stored). Callable from any thread.
   */
  public CompletableFuture<byte[]> document(String roomId) {
    return server
        .rooms()
        .withRoom(roomId, room -> CompletableFuture.completedFuture(room.encodeDocument()));
  }

  /**
   * Stops accepting connections, closes them and stores every room (calling {@link OnStore}), then
   * delivers pending {@link OnChange} calls and waits for the hooks to finish.
   */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      hooks.close();
    }
  }

  /** Collects the settings and hooks; {@link #start()} builds and starts the server. */
  public static final class Builder {

    private ServerConfig config = ServerConfig.defaults();
    private DocumentStore documents;
    private RoomCatalog catalog;
    private UpdateLog updateLog = UpdateLog.NONE;
    private ObservabilityConfig observability = ObservabilityConfig.defaults();
    private String adminToken;
    private OnAuthenticate onAuthenticate;
    private OnLoad onLoad;
    private OnStore onStore;
    private OnChange onChange;
    private Duration debounce = Duration.ZERO;
    private Duration maxWait = Duration.ZERO;
    private OnConnection onConnect;
    private OnConnection onDisconnect;
    private Consumer<ServerSetup> setup = ServerSetup.NONE;

    private Builder() {}

    /**
     * Transport limits, room settings and security to start from ({@link ServerConfig#defaults()}
     * otherwise: loopback, port 1234, no auth); the other builder methods override parts of it.
     */
    public Builder config(ServerConfig value) {
      this.config = Objects.requireNonNull(value, "config");
      return this;
    }

    /** The address to bind; loopback by default. */
    public Builder host(String value) {
      this.config = config.withHost(value);
      return this;
    }

    /** The port; 0 picks a free one (see {@link Symphony#address()}). */
    public Builder port(int value) {
      this.config = config.withPort(value);
      return this;
    }

    /** Where snapshots live; in memory by default (gone when the JVM stops). */
    public Builder documents(DocumentStore value) {
      this.documents = Objects.requireNonNull(value, "documents");
      return this;
    }

    /** Room metadata (admin API, dashboard); in memory by default. */
    public Builder catalog(RoomCatalog value) {
      this.catalog = Objects.requireNonNull(value, "catalog");
      return this;
    }

    /** Logs every update durably before it is broadcast; none by default. */
    public Builder updateLog(UpdateLog value) {
      this.updateLog = Objects.requireNonNull(value, "updateLog");
      return this;
    }

    /** Metric tags and the dashboard's Grafana link. */
    public Builder observability(ObservabilityConfig value) {
      this.observability = Objects.requireNonNull(value, "observability");
      return this;
    }

    /**
     * The token of the admin and document APIs ({@code Authorization: Bearer}). Without one, only
     * loopback clients of a server without connection auth reach them.
     */
    public Builder adminToken(String value) {
      this.adminToken = value;
      return this;
    }

    /**
     * Authenticates every WebSocket connection by its token; see {@link OnAuthenticate} for the
     * thread. Connection auth turns off the loopback dev mode of the admin API: set {@link
     * #adminToken} to use the admin and document APIs.
     */
    public Builder onAuthenticate(OnAuthenticate hook) {
      this.onAuthenticate = Objects.requireNonNull(hook, "onAuthenticate");
      return this;
    }

    /** Seeds rooms that have nothing stored; see {@link OnLoad}. */
    public Builder onLoad(OnLoad hook) {
      this.onLoad = Objects.requireNonNull(hook, "onLoad");
      return this;
    }

    /** Told of every stored snapshot; see {@link OnStore}. */
    public Builder onStore(OnStore hook) {
      this.onStore = Objects.requireNonNull(hook, "onStore");
      return this;
    }

    /**
     * Told of document changes once a room has been quiet for {@code debounce} (zero: as soon as
     * the hook thread gets to it), at the latest ten debounce periods after the first change.
     */
    public Builder onChange(Duration debounce, OnChange hook) {
      return onChange(debounce, debounce.multipliedBy(10), hook);
    }

    /** As {@link #onChange(Duration, OnChange)}, with the longest wait under constant changes. */
    public Builder onChange(Duration debounce, Duration maxWait, OnChange hook) {
      if (debounce.isNegative() || maxWait.isNegative()) {
        throw new IllegalArgumentException("debounce and maxWait must not be negative");
      }
      this.debounce = debounce;
      this.maxWait = maxWait;
      this.onChange = Objects.requireNonNull(hook, "onChange");
      return this;
    }

    /** Told of every admitted connection; see {@link OnConnection}. */
    public Builder onConnect(OnConnection hook) {
      this.onConnect = Objects.requireNonNull(hook, "onConnect");
      return this;
    }

    /** Told of every connection that left; see {@link OnConnection}. */
    public Builder onDisconnect(OnConnection hook) {
      this.onDisconnect = Objects.requireNonNull(hook, "onDisconnect");
      return this;
    }

    /** Anything else before serving: room listeners, HTTP routes, readiness checks. */
    public Builder setup(Consumer<ServerSetup> value) {
      this.setup = Objects.requireNonNull(value, "setup");
      return this;
    }

    /** Builds and starts the server; the stores belong to it from now on. */
    public Symphony start() throws InterruptedException {
      ServerConfig effective = config;
      if (adminToken != null) {
        effective = effective.withSecurity(effective.security().withAdminToken(adminToken));
      }
      if (onAuthenticate != null) {
        effective =
            effective.withSecurity(
                effective
                    .security()
                    .withTokens(TokenVerifier.custom("onAuthenticate hook", this::authenticate)));
      }
      DocumentStore store = documents != null ? documents : new MemoryDocumentStore();
      if (onLoad != null || onStore != null) {
        store = new HookedDocumentStore(store, onLoad, onStore);
      }
      HookDispatcher hooks =
          new HookDispatcher(onChange, debounce, maxWait, onConnect, onDisconnect);
      Consumer<ServerSetup> userSetup = setup;
      try {
        RoomServer server =
            RoomServer.start(
                effective,
                store,
                catalog != null ? catalog : new MemoryRoomCatalog(),
                updateLog,
                observability,
                serverSetup -> {
                  RoomRegistry rooms = serverSetup.rooms();
                  rooms.addListener(hooks);
                  userSetup.accept(serverSetup);
                });
        return new Symphony(server, hooks);
      } catch (RuntimeException | InterruptedException e) {
        hooks.close();
        throw e;
      }
    }

    private RoomGrant authenticate(String token) throws AccessDeniedException {
      RoomGrant grant;
      try {
        grant = onAuthenticate.authenticate(token);
      } catch (AccessDeniedException e) {
        throw e;
      } catch (RuntimeException e) {
        log.error("onAuthenticate failed; refusing the connection", e);
        throw AccessDeniedException.unauthorized("authentication failed");
      }
      if (grant == null) {
        throw AccessDeniedException.unauthorized("token not accepted");
      }
      return grant;
    }
  }
}
