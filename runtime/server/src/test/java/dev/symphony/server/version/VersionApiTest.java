package dev.symphony.server.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.symphony.client.RoomClient;
import dev.symphony.server.store.FileDocumentStore;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import dev.symphony.server.store.VersionRecord;
import dev.symphony.yjs.YDoc;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version API over HTTP: errors, automatic versions, retention, deletion, persistence. */
class VersionApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void badInputGetsA4xxWithAReasonAndChangesNothing() throws Exception {
    try (VersionServer server =
        new VersionServer(
            new MemoryDocumentStore(), new MemoryRoomCatalog(), VersionPolicy.manualOnly())) {
      assertError(server.send("GET", "/api/rooms/nope/versions", null), 404, "no room nope");
      assertError(server.send("POST", "/api/rooms/nope/versions", null), 404, "no room nope");
      assertThat(server.server.rooms().room("nope")).isEmpty(); // not created by asking

      String room = "bad-input";
      edit(server, room, "text", "content");
      String version = id(server.send("POST", "/api/rooms/" + room + "/versions", null));

      assertError(
          server.send("GET", "/api/rooms/" + room + "/versions/20200101T000000000Z-000000", null),
          404,
          "has no version 20200101T000000000Z-000000");
      assertError(
          server.send(
              "POST", "/api/rooms/" + room + "/versions/20200101T000000000Z-000000/restore", null),
          404,
          "has no version");
      assertError(
          server.send("GET", "/api/rooms/" + room + "/versions/..%2Fsecret", null),
          400,
          "not a version id");
      assertError(
          server.send("GET", "/api/rooms/" + room + "/versions/" + version + "/restore", null),
          405,
          "use POST");
      assertError(
          server.send("GET", "/api/rooms/" + room + "/versions/" + version + "/compare", null),
          400,
          "compare with what");
      assertError(
          server.send("POST", "/api/rooms/" + room + "/versions", "{not json"), 400, "not JSON");
      assertError(
          server.send("POST", "/api/rooms/" + room + "/versions", "{\"name\": 7}"),
          400,
          "name must be a string");
      assertError(
          server.send(
              "POST",
              "/api/rooms/" + room + "/versions",
              "{\"name\": \"" + "x".repeat(201) + "\"}"),
          400,
          "at most 200");
      assertError(server.send("DELETE", "/api/rooms/" + room + "/versions", null), 405, "use GET");
      // As for the admin API: a wrong token is refused (no token passes only in dev mode on
      // loopback).
      assertError(
          server.send("GET", "/api/rooms/" + room + "/versions", null, "wrong-token"),
          401,
          "wrong admin token");

      assertThat(list(server, room)).containsExactly(version); // nothing was added
    }
  }

  @Test
  void versionsAreReadAsJsonOrAsAYjsUpdate() throws Exception {
    try (VersionServer server =
        new VersionServer(
            new MemoryDocumentStore(), new MemoryRoomCatalog(), VersionPolicy.manualOnly())) {
      String room = "Docs/plan ü"; // needs URL encoding
      String path = "/api/rooms/Docs%2Fplan%20%C3%BC/versions";
      edit(server, room, "text", "hello");
      HttpResponse<String> created = server.send("POST", path, "{\"name\": \"  Launch  \"}");
      assertThat(created.statusCode()).isEqualTo(201);
      JsonNode version = JSON.readTree(created.body());
      assertThat(version.get("name").asText()).isEqualTo("Launch");
      assertThat(version.get("trigger").asText()).isEqualTo("manual");
      String id = version.get("id").asText();

      assertThat(
              JSON.readTree(server.send("GET", path + "/" + id, null).body()).get("text").asText())
          .isEqualTo("hello");
      HttpResponse<byte[]> binary = server.binary(path + "/" + id);
      assertThat(binary.headers().firstValue("content-type")).hasValue("application/octet-stream");
      assertThat(binary.body().length).isEqualTo(version.get("bytes").asInt());
      YDoc doc = new YDoc();
      doc.applyUpdate(binary.body());
      assertThat(doc.getText("text").toString()).isEqualTo("hello");
      assertThat(server.binary(path + "/" + id + "?format=binary").body()).isEqualTo(binary.body());

      // The document equals the version: a restore changes nothing and keeps no backup.
      HttpResponse<String> restore = server.send("POST", path + "/" + id + "/restore", null);
      assertThat(restore.statusCode()).as(restore.body()).isEqualTo(200);
      assertThat(JSON.readTree(restore.body()).get("backup").isNull()).isTrue();
      assertThat(JSON.readTree(restore.body()).get("changedRoots")).isEmpty();
      assertThat(server.documents.versions().list("Docs/plan ü")).hasSize(1);
      assertError(server.send("POST", path + "/" + id + "/restore/x", null), 404, "no such API");
    }
  }

  @Test
  void idleAndIntervalVersionsAreTakenOnlyWhenTheDocumentChanged() throws Exception {
    VersionPolicy policy =
        VersionPolicy.defaults().withInterval(Duration.ofMillis(300)).withKeepLast(0);
    try (VersionServer server =
        new VersionServer(new MemoryDocumentStore(), new MemoryRoomCatalog(), policy)) {
      String room = "auto";
      RoomClient client = RoomClient.connect(server.wsUrl(), room);
      client.synced().get(10, TimeUnit.SECONDS);
      client.change(d -> d.getText("text").insert(0, "a")).get();
      Thread.sleep(400);
      client.change(d -> d.getText("text").insert(0, "b")).get(); // 400 ms after the first change
      eventually(() -> triggers(server, room).equals(List.of("interval")));
      client.change(d -> d.getText("text").insert(0, "c")).get(); // soon after: no new version
      client.disconnect().get(10, TimeUnit.SECONDS);
      eventually(() -> triggers(server, room).equals(List.of("idle", "interval")));
      String latest = list(server, room).get(0);
      assertThat(
              JSON.readTree(
                      server.send("GET", "/api/rooms/" + room + "/versions/" + latest, null).body())
                  .get("text")
                  .asText())
          .isEqualTo("cba");

      client.reconnect();
      client.synced().get(10, TimeUnit.SECONDS);
      client.disconnect().get(10, TimeUnit.SECONDS); // no change this time
      Thread.sleep(500);
      assertThat(triggers(server, room)).containsExactly("idle", "interval");
      client.close();
    }
  }

  @Test
  void retentionKeepsTheNewestAndDeletesExactlyTheRest() throws Exception {
    try (VersionServer server =
        new VersionServer(
            new MemoryDocumentStore(),
            new MemoryRoomCatalog(),
            VersionPolicy.manualOnly().withKeepLast(3))) {
      String room = "retained";
      edit(server, room, "text", "x");
      List<String> taken = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        taken.add(0, id(server.send("POST", "/api/rooms/" + room + "/versions", null)));
      }
      assertThat(list(server, room)).containsExactlyElementsOf(taken.subList(0, 3));
      // Another room's versions are not touched by this room's retention.
      edit(server, "other", "text", "y");
      String other = id(server.send("POST", "/api/rooms/other/versions", null));
      assertThat(list(server, "other")).containsExactly(other);
      assertThat(list(server, room)).containsExactlyElementsOf(taken.subList(0, 3));
    }
  }

  @Test
  void deletingARoomDeletesItsVersions() throws Exception {
    MemoryDocumentStore documents = new MemoryDocumentStore();
    try (VersionServer server =
        new VersionServer(documents, new MemoryRoomCatalog(), VersionPolicy.manualOnly())) {
      edit(server, "doomed", "text", "x");
      server.send("POST", "/api/rooms/doomed/versions", null);
      assertThat(documents.versions().list("doomed")).hasSize(1);
      assertThat(server.send("DELETE", "/api/rooms/doomed", null).statusCode()).isEqualTo(200);
      assertThat(documents.versions().list("doomed")).isEmpty();
      assertError(server.send("GET", "/api/rooms/doomed/versions", null), 404, "no room doomed");
    }
  }

  @Test
  void fileStoreVersionsSurviveARestart() throws Exception {
    Path folder = temp.resolve("documents");
    MemoryRoomCatalog catalog = new MemoryRoomCatalog();
    String id;
    try (VersionServer server =
        new VersionServer(new FileDocumentStore(folder), catalog, VersionPolicy.manualOnly())) {
      edit(server, "kept", "text", "before restart");
      id = id(server.send("POST", "/api/rooms/kept/versions", "{\"name\": \"n\"}"));
    }
    try (VersionServer server =
        new VersionServer(new FileDocumentStore(folder), catalog, VersionPolicy.manualOnly())) {
      assertThat(list(server, "kept")).containsExactly(id);
      JsonNode view =
          JSON.readTree(server.send("GET", "/api/rooms/kept/versions/" + id, null).body());
      assertThat(view.get("text").asText()).isEqualTo("before restart");
      edit(server, "kept", "text", "after ");
      assertThat(
              server.send("POST", "/api/rooms/kept/versions/" + id + "/restore", null).statusCode())
          .isEqualTo(200);
      JsonNode live =
          JSON.readTree(
              server.send("GET", "/api/rooms/kept/versions/" + id + "/compare/live", null).body());
      assertThat(live.get("changes")).isEmpty();
    }
  }

  /** Inserts text through a real client and waits until the server has it. */
  static void edit(VersionServer server, String room, String name, String text) throws Exception {
    RoomClient client = RoomClient.connect(server.wsUrl(), room);
    try {
      client.synced().get(10, TimeUnit.SECONDS);
      client.change(d -> d.getText(name).insert(0, text)).get();
      eventually(() -> server.server.rooms().documentJson(room).get().orElse("").contains(text));
    } finally {
      client.close();
    }
  }

  interface Check {
    boolean holds() throws Exception;
  }

  /** Polls until the check holds; fails after 10 s. */
  static void eventually(Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }

  static String id(HttpResponse<String> created) throws Exception {
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).get("id").asText();
    assertThat(VersionRecord.isValidId(id)).isTrue();
    return id;
  }

  static List<String> list(VersionServer server, String room) throws Exception {
    return field(server, room, "id");
  }

  static List<String> triggers(VersionServer server, String room) throws Exception {
    return field(server, room, "trigger");
  }

  private static List<String> field(VersionServer server, String room, String field)
      throws Exception {
    HttpResponse<String> response = server.send("GET", "/api/rooms/" + room + "/versions", null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> values = new ArrayList<>();
    JSON.readTree(response.body()).get("versions").forEach(v -> values.add(v.get(field).asText()));
    return values;
  }

  static void assertError(HttpResponse<String> response, int status, String reason)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("error").asText()).contains(reason);
  }
}
