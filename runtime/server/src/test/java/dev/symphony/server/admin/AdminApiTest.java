package dev.symphony.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.symphony.client.RoomClient;
import dev.symphony.server.metrics.ClientTraffic;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.server.testing.TestServer;
import dev.symphony.yjs.YDoc;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API of a live server: listing, paging, sorting, documents, delete and live events. */
class AdminApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TestServer server;
  private final List<AutoCloseable> closeLater = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server =
        TestServer.start(
            c ->
                c.withRooms(
                    RoomSettings.defaults().withCheckpointInterval(Duration.ofMillis(100))));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeLater) {
      c.close();
    }
    server.close();
  }

  private void traffic(String room, int clients) throws Exception {
    closeLater.add(new ClientTraffic(server.wsUrl(), List.of(room), clients, 60_000));
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(server.httpUrl(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send("GET", path);
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("rooms").forEach(room -> ids.add(room.get("id").asText()));
    return ids;
  }

  @Test
  void listsLoadedAndStoredRoomsPagedAndSorted() throws Exception {
    traffic("a", 3);
    traffic("b", 1);
    traffic("c", 2);
    Instant longAgo = Instant.parse("2024-01-01T00:00:00Z");
    server.catalog.roomOpened("stored", longAgo);
    server.catalog.roomCheckpointed("stored", 99_999, longAgo);
    server.catalog.roomClosed("stored", longAgo);

    JsonNode first = get("/api/rooms?sort=connections&order=desc&size=2");
    assertThat(first.get("total").asInt()).isEqualTo(4);
    assertThat(ids(first)).containsExactly("a", "c");
    assertThat(first.get("rooms").get(0).get("connections").asInt()).isEqualTo(3);
    assertThat(first.get("rooms").get(0).get("active").asBoolean()).isTrue();
    JsonNode second = get("/api/rooms?sort=connections&order=desc&size=2&page=2");
    assertThat(ids(second)).containsExactly("b", "stored");
    assertThat(get("/api/rooms?sort=connections&size=2&page=3").get("rooms")).isEmpty();

    assertThat(ids(get("/api/rooms?sort=id"))).containsExactly("a", "b", "c", "stored");
    assertThat(ids(get("/api/rooms?sort=id&order=desc"))).containsExactly("stored", "c", "b", "a");
    assertThat(ids(get("/api/rooms?sort=documentBytes&order=desc")).get(0)).isEqualTo("stored");
    assertThat(ids(get("/api/rooms?sort=lastActive&order=asc")).get(0)).isEqualTo("stored");
    assertThat(ids(get("/api/rooms?sort=active&order=asc")).get(0)).isEqualTo("stored");

    HttpResponse<String> bad = send("GET", "/api/rooms?sort=size");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("sort must be one of");
    assertThat(send("GET", "/api/rooms?page=0").statusCode()).isEqualTo(400);
  }

  @Test
  void showsOneRoomAndItsDocumentAsJson() throws Exception {
    RoomClient client = RoomClient.connect(server.wsUrl(), "doc room/1");
    closeLater.add(client);
    client.synced().get(20, TimeUnit.SECONDS);
    client
        .change(
            doc -> {
              doc.getText("title").insert(0, "Plan");
              doc.getMap("meta").set("done", true);
              doc.getArray("items").insert(0, List.of(1, "two"));
            })
        .get(10, TimeUnit.SECONDS);
    String encoded = "doc%20room%2F1";
    eventually(() -> getQuietly("/api/rooms/" + encoded + "/document").has("title"));

    JsonNode document = get("/api/rooms/" + encoded + "/document");
    assertThat(document).isEqualTo(JSON.readTree(client.read(YDoc::toJson).get()));
    assertThat(document.get("title").asText()).isEqualTo("Plan");
    assertThat(document.get("meta").get("done").asBoolean()).isTrue();
    assertThat(document.get("items").get(1).asText()).isEqualTo("two");

    JsonNode room = get("/api/rooms/" + encoded);
    assertThat(room.get("id").asText()).isEqualTo("doc room/1");
    assertThat(room.get("active").asBoolean()).isTrue();
    assertThat(room.get("connections").asInt()).isEqualTo(1);
    assertThat(room.get("documentBytes").asLong()).isPositive();

    assertThat(send("GET", "/api/rooms/nothing-here").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/rooms/nothing-here/document").statusCode()).isEqualTo(404);
  }

  @Test
  void deleteClosesConnectionsAndRemovesSnapshotAndCatalogRecord() throws Exception {
    RoomClient client =
        RoomClient.connect(
            server.wsUrl(),
            "doomed",
            new YDoc(),
            RoomClient.ClientOptions.defaults().withAutoReconnect(false));
    closeLater.add(client);
    client.synced().get(20, TimeUnit.SECONDS);
    client.change(doc -> doc.getText("t").insert(0, "bye")).get(10, TimeUnit.SECONDS);
    eventually(() -> quietly(() -> server.documents.load("doomed").isPresent()));
    assertThat(server.catalog.find("doomed")).isPresent();

    HttpResponse<String> deleted = send("DELETE", "/api/rooms/doomed");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);

    eventually(
        () ->
            client.status() == RoomClient.Status.CLOSED
                || client.status() == RoomClient.Status.DISCONNECTED);
    assertThat(client.lastClose()).contains("room deleted");
    assertThat(server.documents.load("doomed")).isEmpty();
    assertThat(server.catalog.find("doomed")).isEmpty();
    assertThat(send("GET", "/api/rooms/doomed").statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/api/rooms/doomed").statusCode()).isEqualTo(404);
  }

  @Test
  void eventStreamSendsRoomAndProcessFiguresEverySecond() throws Exception {
    traffic("watched", 2);
    HttpResponse<Stream<String>> response =
        HTTP.send(
            HttpRequest.newBuilder(server.httpUrl("/api/events")).build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    response
                        .body()
                        .filter(line -> line.startsWith("data: "))
                        .forEach(line -> events.add(line.substring("data: ".length())));
                  } catch (RuntimeException e) {
                    // the test closed the stream
                  }
                });
    try {
      JsonNode first = JSON.readTree(events.poll(10, TimeUnit.SECONDS));
      assertThat(first.get("process").get("connections").asInt()).isEqualTo(2);
      assertThat(first.get("process").get("activeRooms").asInt()).isEqualTo(1);
      assertThat(first.get("process").get("heapUsedBytes").asLong()).isPositive();
      assertThat(first.get("rooms").get(0).get("id").asText()).isEqualTo("watched");
      assertThat(first.get("rooms").get(0).get("connections").asInt()).isEqualTo(2);

      traffic("watched", 1); // a third client joins: a later event shows it
      long start = System.nanoTime();
      JsonNode later;
      do {
        later = JSON.readTree(events.poll(10, TimeUnit.SECONDS));
      } while (later.get("rooms").get(0).get("connections").asInt() != 3
          && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
      assertThat(later.get("rooms").get(0).get("connections").asInt()).isEqualTo(3);
      assertThat(later.get("process").get("connections").asInt()).isEqualTo(3);
    } finally {
      reader.interrupt();
      response.body().close();
    }
  }

  private JsonNode getQuietly(String path) {
    try {
      HttpResponse<String> response = send("GET", path);
      return response.statusCode() == 200
          ? JSON.readTree(response.body())
          : JSON.createObjectNode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static boolean quietly(java.util.concurrent.Callable<Boolean> check) {
    try {
      return check.call();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(50);
    }
  }
}
