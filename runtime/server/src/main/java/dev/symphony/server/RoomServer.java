package dev.symphony.server;

import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomRegistry;
import dev.symphony.server.room.RoomStorage;
import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.RoomCatalog;
import dev.symphony.server.transport.SymphonyServer;
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
    catalog.markAllInactive();
    SymphonyServer transport = new SymphonyServer(config);
    RoomStorage storage =
        new RoomStorage(documents, catalog, Clock.systemUTC(), config.storageThreads());
    RoomRegistry registry = new RoomRegistry(transport.roomExecutors(), storage, config.rooms());
    try {
      InetSocketAddress address = transport.start(registry);
      return new RoomServer(transport, storage, registry, catalog, address);
    } catch (RuntimeException | InterruptedException e) {
      transport.close();
      storage.close(0);
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

  public RoomCatalog catalog() {
    return catalog;
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
    catalog.close();
    transport.close();
  }
}
