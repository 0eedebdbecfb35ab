package dev.symphony.server.testing;

import dev.symphony.server.RoomServer;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import java.net.URI;
import java.util.function.UnaryOperator;

/** A real server on a free loopback port with in-memory storage, for tests. */
public final class TestServer implements AutoCloseable {

  public final MemoryDocumentStore documents = new MemoryDocumentStore();
  public final MemoryRoomCatalog catalog = new MemoryRoomCatalog();
  public final RoomServer server;

  private TestServer(ServerConfig config) throws InterruptedException {
    server = RoomServer.start(config, documents, catalog);
  }

  public static TestServer start() throws InterruptedException {
    return start(c -> c);
  }

  public static TestServer start(UnaryOperator<ServerConfig> customize)
      throws InterruptedException {
    ServerConfig config =
        ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIoThreads(2);
    return new TestServer(customize.apply(config));
  }

  /** {@code ws://127.0.0.1:<port>}, the server URL a y-websocket provider takes. */
  public URI wsUrl() {
    return URI.create("ws://127.0.0.1:" + server.address().getPort());
  }

  public URI httpUrl(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  @Override
  public void close() {
    server.close();
  }
}
