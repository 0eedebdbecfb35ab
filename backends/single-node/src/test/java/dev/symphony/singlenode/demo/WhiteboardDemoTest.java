package dev.symphony.singlenode.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.config.ServerConfig;
import dev.symphony.singlenode.DataDirectory;
import dev.symphony.singlenode.SingleNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single-node serves the whiteboard demo: the page for any room, its assets, and clear 404s. */
class WhiteboardDemoTest {

  @TempDir Path temp;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesThePageForAnyRoomAndItsAssets() throws Exception {
    ServerConfig config =
        ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIoThreads(2);
    try (SingleNode node = SingleNode.start(config, DataDirectory.prepare(temp.resolve("data")))) {
      String base = "http://127.0.0.1:" + node.address().getPort();

      HttpResponse<String> page = get(base + "/demo/team-board");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
      assertThat(page.body())
          .contains("<script type=\"module\" src=\"/demo/assets/whiteboard.js\">")
          .contains("id=\"canvas\"");
      assertThat(get(base + "/demo/team-board/").statusCode()).isEqualTo(200);

      HttpResponse<String> script = get(base + "/demo/assets/whiteboard.js");
      assertThat(script.statusCode()).isEqualTo(200);
      assertThat(script.headers().firstValue("content-type"))
          .hasValue("text/javascript; charset=utf-8");
      // The bundle: the demo with the client library, yjs and y-websocket (printed only by length).
      assertThat(script.body().length()).isGreaterThan(50_000);
      assertThat(script.body().contains("window.whiteboard=")).as("the demo's code").isTrue();
      assertThat(script.body().contains("connection-close"))
          .as("y-websocket's provider (its connection-close event) in the bundle")
          .isTrue();
      assertThat(get(base + "/demo/assets/whiteboard.css").statusCode()).isEqualTo(200);

      assertThat(get(base + "/demo/").statusCode()).isEqualTo(404);
      assertThat(get(base + "/demo/assets/secret.txt").statusCode()).isEqualTo(404);
      assertThat(get(base + "/demo/a/b").body()).contains("open /demo/<room>");
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/demo/x"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
      // The server's own routes are untouched.
      assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void mapsPathsToFiles() {
    assertThat(WhiteboardDemo.fileFor("/demo/room-1")).isEqualTo("index.html");
    assertThat(WhiteboardDemo.fileFor("/demo/assets/whiteboard.js")).isEqualTo("whiteboard.js");
    assertThat(WhiteboardDemo.fileFor("/demo/assets/index.html")).isNull();
    assertThat(WhiteboardDemo.fileFor("/demo/assets/../x")).isNull();
    assertThat(WhiteboardDemo.fileFor("/demo/")).isNull();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
