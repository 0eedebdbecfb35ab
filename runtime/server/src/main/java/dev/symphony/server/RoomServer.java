package dev.symphony.server;

import dev.symphony.server.admin.AdminRoutes;
import dev.symphony.server.api.DocumentApi;
import dev.symphony.server.config.ObservabilityConfig;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.metrics.RejectReason;
import dev.symphony.server.metrics.SymphonyMetrics;
import dev.symphony.server.room.RoomRegistry;
import dev.symphony.server.room.RoomStorage;
import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.FileUpdateLog;
import dev.symphony.server.store.RoomCatalog;
import dev.symphony.server.store.UpdateLog;
import dev.symphony.server.transport.HttpRoutes;
import dev.symphony.server.transport.SymphonyServer;
import dev.symphony.server.webhook.WebhookSettings;
import dev.symphony.server.webhook.Webhooks;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running room runtime: the transport, the rooms and their storage, wired together and shut down
 * in the safe order (stop accepting, close connections, checkpoint every room, close storage, stop
 * the threads). Topologies build one with their own stores.
 */
public final class RoomServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RoomServer.class);

  /** How long shutdown waits for the final checkpoints before giving up on them. */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

  private final SymphonyServer transport;
  private final RoomStorage storage;
  private final RoomRegistry registry;
  private final RoomCatalog catalog;
  private final InetSocketAddress address;
  private UpdateLog updateLog = UpdateLog.NONE;
  private SymphonyMetrics metrics;
  private Webhooks webhooks;
  private AdminRoutes admin;
  private boolean closed;

  private RoomServer(
      SymphonyServer transport,
      RoomStorage storage,
      RoomRegistry registry,
      RoomCatalog catalog,
      InetSocketAddress address) {
    this.transport = transport;
    this.storage = storage;
    this.registry = registry;
    this.catalog = catalog;
    this.address = address;
  }

  /** Starts serving; the stores belong to the server from now on and are closed with it. */
  public static RoomServer start(ServerConfig config, DocumentStore documents, RoomCatalog catalog)
      throws InterruptedException {
    return start(config, documents, catalog, UpdateLog.NONE);
  }

  /**
   * Starts serving with an update log: every update is logged before it is broadcast, rooms load as
   * snapshot + logged updates, and rooms the log holds updates for (a crash before their
   * checkpoint) are loaded at once, checkpointed, and unloaded when idle. The stores and the log
   * belong to the server from now on and are closed with it.
   */
  public static RoomServer start(
      ServerConfig config, DocumentStore documents, RoomCatalog catalog, UpdateLog updateLog)
      throws InterruptedException {
    return start(config, documents, catalog, updateLog, ObservabilityConfig.defaults());
  }

  /** As above, with the metrics tags and the dashboard's Grafana link chosen. */
  public static RoomServer start(
      ServerConfig config,
      DocumentStore documents,
      RoomCatalog catalog,
      UpdateLog updateLog,
      ObservabilityConfig observability)
      throws InterruptedException {
    return start(config, documents, catalog, updateLog, observability, ServerSetup.NONE);
  }

  /**
   * As above; {@code setup} adds listeners, routes and readiness checks before the server serves
   * (topologies and embedding applications).
   */
  public static RoomServer start(
      ServerConfig config,
      DocumentStore documents,
      RoomCatalog catalog,
      UpdateLog updateLog,
      ObservabilityConfig observability,
      java.util.function.Consumer<ServerSetup> setup)
      throws InterruptedException {
    return start(config, documents, catalog, updateLog, observability, setup, WebhookSettings.NONE);
  }

  /**
   * As above, sending webhooks as {@code webhookSettings} says (their outbox is a table in the
   * catalog's database, so the catalog must be a SQL one when they are on).
   */
  public static RoomServer start(
      ServerConfig config,
      DocumentStore documents,
      RoomCatalog catalog,
      UpdateLog updateLog,
      ObservabilityConfig observability,
      java.util.function.Consumer<ServerSetup> setup,
      WebhookSettings webhookSettings)
      throws InterruptedException {
    catalog.markAllInactive();
    SymphonyMetrics metrics = new SymphonyMetrics(observability.metrics());
    Webhooks webhooks; // null when off
    try {
      webhooks = Webhooks.startIfEnabled(webhookSettings, catalog, metrics.registry());
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    SymphonyServer transport = new SymphonyServer(config);
    RoomStorage storage =
        new RoomStorage(
                documents,
                webhooks != null ? webhooks.watch(catalog) : catalog,
                Clock.systemUTC(),
                config.storageThreads())
            .withUpdateLog(updateLog);
    RoomRegistry registry =
        new RoomRegistry(transport.roomExecutors(), storage, config.rooms(), metrics.runtime());
    if (webhooks != null) {
      registry.addListener(webhooks.listener());
    }
    metrics.bindRooms(registry);
    // Refusals by auth and limits are counted there; the metric shows them by reason.
    config
        .security()
        .rejections()
        .onRejection(
            (reason, count) ->
                RejectReason.ofTag(reason).ifPresent(known -> metrics.runtime().rejected(known)));
    if (updateLog instanceof FileUpdateLog fileLog) {
      metrics.updateLog().queueFrom(fileLog::queued);
      fileLog.onSync(metrics.updateLog()::flushed);
    }
    AdminRoutes admin =
        new AdminRoutes(
            registry, catalog, metrics, config.security().admin(), observability.grafanaUrl());
    DocumentApi documentApi =
        new DocumentApi(
            registry,
            documents,
            catalog,
            updateLog,
            config.security().admin(),
            config.maxMessageBytes());
    java.util.List<HttpRoutes> extraRoutes = new java.util.concurrent.CopyOnWriteArrayList<>();
    transport.routes(
        (ctx, request, path) -> {
          for (HttpRoutes routes : extraRoutes) {
            if (routes.handle(ctx, request, path)) {
              return true;
            }
          }
          return documentApi.handle(ctx, request, path) || admin.handle(ctx, request, path);
        });
    try {
      setup.accept(
          new ServerSetup() {
            @Override
            public RoomRegistry rooms() {
              return registry;
            }

            @Override
            public SymphonyMetrics metrics() {
              return metrics;
            }

            @Override
            public void addRoutes(HttpRoutes routes) {
              extraRoutes.add(routes);
            }

            @Override
            public void addReadinessCheck(java.util.function.Supplier<String> problem) {
              transport.addReadinessCheck(problem);
            }
          });
      transport.addReadinessCheck(
          () -> updateLog.healthy() ? null : "the update log cannot write to disk");
      InetSocketAddress address = transport.start(registry);
      RoomServer server = new RoomServer(transport, storage, registry, catalog, address);
      server.metrics = metrics;
      server.admin = admin;
      server.updateLog = updateLog;
      server.webhooks = webhooks;
      var recovered = updateLog.roomsWithPending();
      if (!recovered.isEmpty()) {
        log.info("recovering {} room(s) from the update log", recovered.size());
        recovered.forEach(registry::load);
      }
      return server;
    } catch (RuntimeException | InterruptedException e) {
      transport.close();
      storage.close(0);
      if (webhooks != null) {
        webhooks.close();
      }
      updateLog.close();
      admin.close();
      metrics.close();
      throw e;
    }
  }

  /** The bound address (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return address;
  }

  public RoomRegistry rooms() {
    return registry;
  }

  /** Lets the developer dashboard link to Grafana at {@code url} (null: no links). */
  public void linkGrafana(String url) {
    admin.grafanaUrl(url);
  }

  /** This process's metrics (backends add their own meters to its registry). */
  public SymphonyMetrics metrics() {
    return metrics;
  }

  public RoomCatalog catalog() {
    return catalog;
  }

  /**
   * Adds a condition for {@code /readyz}: the check answers null while all is well, else the reason
   * the server is not ready (e.g. a store is failing).
   */
  public void addReadinessCheck(java.util.function.Supplier<String> problem) {
    transport.addReadinessCheck(problem);
  }

  /** Stops accepting, closes connections, stores every room, then stops. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    transport.stopAccepting();
    int rooms = registry.size();
    try {
      registry.shutdown().get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      log.info("stored {} room(s)", rooms);
    } catch (TimeoutException e) {
      log.error("rooms not all stored within {}; stopping anyway", SHUTDOWN_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      log.error("shutdown of rooms failed", e.getCause());
    }
    storage.close(SHUTDOWN_TIMEOUT.toMillis());
    if (webhooks != null) {
      webhooks.close(); // after the rooms' last events, before the catalog's database closes
    }
    updateLog.close();
    catalog.close();
    transport.close();
    admin.close();
    metrics.close();
  }
}
