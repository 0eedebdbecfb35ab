package dev.symphony.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import dev.symphony.client.RoomClient.ClientOptions;
import dev.symphony.server.testing.WebhookReceiver;
import dev.symphony.server.testing.WebhookReceiver.Delivery;
import dev.symphony.yjs.YDoc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code symphony serve --webhook-url ...} killed with SIGKILL while its receiver is down and
 * events wait in the outbox: the next start on the same data directory delivers them.
 */
class WebhookCrashTest {

  private static final String SECRET = "crash-secret";
  private static final String ROOM = "hooked";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path temp;

  @Test
  void eventsPendingAtASigkillAreDeliveredAfterTheRestart() throws Exception {
    Path data = temp.resolve("data");
    try (WebhookReceiver receiver = WebhookReceiver.down(SECRET)) {
      String[] options = {
        "--webhook-url=" + receiver.url(), "--webhook-secret=" + SECRET, "--webhook-debounce=0"
      };
      String stateVector;
      try (ServeProcess server = ServeProcess.start(data, options)) {
        URI url = URI.create(server.awaitListening());
        try (RoomClient client =
            RoomClient.connect(
                url, ROOM, new YDoc(), ClientOptions.defaults().withAutoReconnect(false))) {
          client.synced().get(60, TimeUnit.SECONDS);
          for (String text : List.of("one", "two", "three")) {
            client.change(doc -> doc.getText("t").insert(0, text)).get(10, TimeUnit.SECONDS);
          }
          // created, joined, 3 changed: all committed to the outbox, none delivered.
          awaitMetrics(url, server, 5);
          // One more, and the kill the moment its event is committed: the embedded database must
          // have it on disk by then, not only in memory.
          client.change(doc -> doc.getText("t").insert(0, "last")).get(10, TimeUnit.SECONDS);
          stateVector =
              Base64.getEncoder()
                  .encodeToString(client.read(YDoc::encodeStateVector).get(10, TimeUnit.SECONDS));
          awaitMetrics(url, server, 6);
          server.kill();
        }
      }
      assertThat(receiver.deliveries()).isEmpty();

      receiver.up();
      try (ServeProcess restarted = ServeProcess.start(data, options)) {
        restarted.awaitListening();
        receiver.await(
            d ->
                d.type().equals("room.changed")
                    && d.event().at("/data/stateVector").asText().equals(stateVector),
            60);
        List<Delivery> events = receiver.events();
        assertThat(events).allMatch(Delivery::signatureValid);
        assertThat(events.stream().filter(d -> d.room().equals(ROOM)).map(Delivery::type))
            .as(receiver.summary())
            .containsSubsequence(
                "room.created",
                "user.joined",
                "room.changed",
                "room.changed",
                "room.changed",
                "room.changed");
        restarted.terminate(Duration.ofSeconds(60));
      }
    }
  }

  /** Waits until the server reports {@code pending} deliveries owed and none left uncommitted. */
  private static void awaitMetrics(URI url, ServeProcess server, int pending) throws Exception {
    URI metrics = URI.create("http://" + url.getAuthority() + "/metrics");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String text = "";
    while (System.nanoTime() < deadline) {
      text =
          HTTP.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      if (value(text, "symphony_webhook_pending") == pending
          && value(text, "symphony_webhook_queued") == 0) {
        return;
      }
      Thread.sleep(2);
    }
    throw new AssertionError(
        "webhook metrics never showed "
            + pending
            + " pending:\n"
            + text.lines().filter(line -> line.contains("webhook")).toList()
            + "\noutput:\n"
            + server.output());
  }

  private static double value(String scrape, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
