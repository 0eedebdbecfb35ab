package dev.symphony.server.version;

import dev.symphony.server.RoomServer;
import dev.symphony.server.config.ObservabilityConfig;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import dev.symphony.server.store.UpdateLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A server with version history behind an admin token, and an HTTP client for its API. */
final class VersionServer implements AutoCloseable {

  static final String ADMIN_TOKEN = "versions-admin-token";

  final DocumentStore documents;
  final MemoryRoomCatalog catalog;
  final RoomServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  VersionServer(DocumentStore documents, MemoryRoomCatalog catalog, VersionPolicy policy)
      throws InterruptedException {
    this.documents = documents;
    this.catalog = catalog;
    ServerConfig config =
        ServerConfig.defaults()
            .withHost("127.0.0.1")
            .withPort(0)
            .withIoThreads(2)
            .withSecurity(
                dev.symphony.server.auth.SecurityConfig.none().withAdminToken(ADMIN_TOKEN));
    server =
        RoomServer.start(
            config,
            documents,
            catalog,
            UpdateLog.NONE,
            ObservabilityConfig.defaults(),
            VersionSetup.of(documents, catalog, config.security().admin(), policy));
  }

  URI wsUrl() {
    return URI.create("ws://127.0.0.1:" + server.address().getPort());
  }

  String httpUrl() {
    return "http://127.0.0.1:" + server.address().getPort();
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, ADMIN_TOKEN);
  }

  HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(httpUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> binary(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(httpUrl() + path))
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .header("Accept", "application/octet-stream")
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public void close() {
    server.close();
  }
}
