package dev.symphony.singlenode;

import dev.symphony.server.RoomServer;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.store.FileDocumentStore;
import dev.symphony.server.store.JdbcRoomCatalog;
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

  private SingleNode(RoomServer server, DataDirectory data, DataDirectoryLock lock) {
    this.server = server;
    this.data = data;
    this.lock = lock;
  }

  /** Prepares the data directory, opens the stores and starts serving. */
  public static SingleNode start(ServerConfig config, DataDirectory data)
      throws InterruptedException {
    DataDirectoryLock lock = DataDirectoryLock.acquire(data.root());
    JdbcRoomCatalog catalog = null;
    try {
      FileDocumentStore documents = new FileDocumentStore(data.documents());
      catalog = EmbeddedCatalog.open(data.catalog());
      return new SingleNode(RoomServer.start(config, documents, catalog), data, lock);
    } catch (IOException e) {
      lock.close();
      throw new UncheckedIOException("cannot use " + data.documents() + ": " + e.getMessage(), e);
    } catch (RuntimeException | InterruptedException e) {
      if (catalog != null) {
        catalog.close();
      }
      lock.close();
      throw e;
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

  /** Stops accepting, stores every room, closes the catalog. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      lock.close();
    }
  }
}
