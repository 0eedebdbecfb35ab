package dev.symphony.singlenode;

import dev.symphony.server.RoomServer;
import dev.symphony.server.config.ObservabilityConfig;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.store.FileUpdateLog;
import dev.symphony.server.store.UpdateLog;
import dev.symphony.server.version.VersionPolicy;
import dev.symphony.server.version.VersionSetup;
import dev.symphony.server.webhook.WebhookSettings;
import dev.symphony.singlenode.demo.WhiteboardDemo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * The single-node topology: every room in this one process, documents as snapshot files and the
 * room catalog in an embedded database, both in one data directory. Needs no other service.
 */
public final class SingleNode implements AutoCloseable {

  private final RoomServer server;
  private final DataDirectory data;
  private final DataDirectoryLock lock;
  private OpenedStores stores;

  private SingleNode(RoomServer server, DataDirectory data, DataDirectoryLock lock) {
    this.server = server;
    this.data = data;
    this.lock = lock;
  }

  /** Prepares the data directory, opens the stores and starts serving, with the update log on. */
  public static SingleNode start(ServerConfig config, DataDirectory data)
      throws InterruptedException {
    return start(config, data, UpdateLogSettings.defaults());
  }

  /** Prepares the data directory, opens the stores and the update log, and starts serving. */
  public static SingleNode start(ServerConfig config, DataDirectory data, UpdateLogSettings logging)
      throws InterruptedException {
    return start(config, data, logging, StorageSettings.EMBEDDED);
  }

  /**
   * Prepares the data directory, opens the stores {@code storage} selects (files or S3, embedded
   * database or PostgreSQL) and the update log, and starts serving. While a store fails, {@code
   * /readyz} says so and writes are retried.
   */
  public static SingleNode start(
      ServerConfig config, DataDirectory data, UpdateLogSettings logging, StorageSettings storage)
      throws InterruptedException {
    return start(config, data, logging, storage, VersionPolicy.defaults(), WebhookSettings.NONE);
  }

  /** As above, with version history taken and kept as {@code versions} says. */
  public static SingleNode start(
      ServerConfig config,
      DataDirectory data,
      UpdateLogSettings logging,
      StorageSettings storage,
      VersionPolicy versions)
      throws InterruptedException {
    return start(config, data, logging, storage, versions, WebhookSettings.NONE);
  }

  /** As above, sending webhooks as {@code webhooks} says (their outbox is in the catalog). */
  public static SingleNode start(
      ServerConfig config,
      DataDirectory data,
      UpdateLogSettings logging,
      StorageSettings storage,
      WebhookSettings webhooks)
      throws InterruptedException {
    return start(config, data, logging, storage, VersionPolicy.defaults(), webhooks);
  }

  /** As above, with both the version policy and the webhooks chosen. */
  public static SingleNode start(
      ServerConfig config,
      DataDirectory data,
      UpdateLogSettings logging,
      StorageSettings storage,
      VersionPolicy versions,
      WebhookSettings webhooks)
      throws InterruptedException {
    DataDirectoryLock lock = DataDirectoryLock.acquire(data.root());
    OpenedStores stores = null;
    UpdateLog updateLog = UpdateLog.NONE;
    try {
      stores = OpenedStores.open(storage, data);
      if (logging.enabled()) {
        updateLog = openLog(data, logging);
      }
      RoomServer server =
          RoomServer.start(
              config,
              stores.documents(),
              stores.catalog(),
              updateLog,
              ObservabilityConfig.defaults(),
              VersionSetup.of(
                      stores.documents(), stores.catalog(), config.security().admin(), versions)
                  .andThen(setup -> setup.addRoutes(WhiteboardDemo.load())), // /demo/<room>
              webhooks);
      server.addReadinessCheck(stores.health()::problem);
      StorageMetrics.bind(server.metrics().registry(), stores.health(), stores.catalog());
      SingleNode node = new SingleNode(server, data, lock);
      node.stores = stores;
      return node;
    } catch (RuntimeException | InterruptedException e) {
      updateLog.close();
      if (stores != null) {
        stores.closeAll();
      }
      lock.close();
      throw e;
    }
  }

  private static UpdateLog openLog(DataDirectory data, UpdateLogSettings logging) {
    try {
      return FileUpdateLog.open(
          data.updateLog(), logging.flushInterval(), UpdateLogSettings.SEGMENT_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the update log in " + data.updateLog() + ": " + e.getMessage(), e);
    }
  }

  public InetSocketAddress address() {
    return server.address();
  }

  public DataDirectory data() {
    return data;
  }

  public RoomServer server() {
    return server;
  }

  /** Where documents and the catalog live, for the start-up banner. */
  public String storageDescription() {
    return stores == null ? "" : stores.settings().describe();
  }

  /** Stops accepting, stores every room, closes the catalog. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      if (stores != null) {
        stores.closeDocuments();
      }
      lock.close();
    }
  }
}
