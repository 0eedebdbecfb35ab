package dev.symphony.singlenode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.version.VersionPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version history in the single-node server: on by default, files in the data directory. */
class SingleNodeVersionsTest {

  @TempDir Path temp;

  private final ServerConfig config =
      ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIoThreads(2);

  @Test
  void theLastClientLeavingTakesAnIdleVersionThatSurvivesARestart() throws Exception {
    DataDirectory data = DataDirectory.prepare(temp.resolve("data"));
    try (SingleNode node =
            SingleNode.start(
                config,
                data,
                UpdateLogSettings.defaults(),
                StorageSettings.EMBEDDED,
                VersionPolicy.defaults());
        RoomClient client =
            RoomClient.connect(
                URI.create("ws://127.0.0.1:" + node.address().getPort()), "versioned")) {
      client.synced().get(10, TimeUnit.SECONDS);
      client.change(d -> d.getText("t").insert(0, "idle version")).join();
      Thread.sleep(200); // let the server apply it before leaving
      client.disconnect().get(10, TimeUnit.SECONDS);
      Path folder = data.documents().resolve("versions/versioned");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Files.isDirectory(folder) || Files.list(folder).findAny().isEmpty()) {
        assertThat(System.nanoTime()).as("an idle version in " + folder).isLessThan(deadline);
        Thread.sleep(50);
      }
    }
    try (SingleNode restarted = SingleNode.start(config, data)) {
      HttpResponse<String> list =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + restarted.address().getPort()
                                  + "/api/rooms/versioned/versions"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.body()).contains("\"trigger\":\"idle\"").contains("\"bytes\":");
    }
  }
}
