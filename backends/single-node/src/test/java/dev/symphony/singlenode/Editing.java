package dev.symphony.singlenode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import dev.symphony.yjs.YDoc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** What the storage tests do with clients: type numbered lines, wait until others see them. */
final class Editing {

  private Editing() {}

  static URI url(SingleNode node) {
    return URI.create("ws://127.0.0.1:" + node.address().getPort());
  }

  static RoomClient join(SingleNode node, String room) throws Exception {
    RoomClient client = RoomClient.connect(url(node), room);
    client.synced().get(30, TimeUnit.SECONDS);
    return client;
  }

  static void appendLine(RoomClient client, String line) {
    client
        .change(
            doc -> {
              var text = doc.getText("t");
              text.insert(text.length(), line + "\n");
            })
        .join();
  }

  static String text(RoomClient client) {
    return client.read(doc -> doc.getText("t").toString()).join();
  }

  /** The client's whole document as one Yjs update: what it holds, byte for byte. */
  static byte[] state(RoomClient client) {
    return client.read(YDoc::encodeStateAsUpdate).join();
  }

  static void await(String what, Duration limit, Check check) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!check.ok()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  static void awaitText(RoomClient client, Predicate<String> expected, Duration limit)
      throws Exception {
    await("the document to arrive", limit, () -> expected.test(text(client)));
  }

  /** {@code /readyz}: its status and body. */
  record Readiness(int status, String body) {}

  static Readiness readiness(SingleNode node) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + node.address().getPort() + "/readyz"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Readiness(response.statusCode(), response.body());
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }
}
