package dev.symphony.server.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import dev.symphony.server.testing.NodeScripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real Yjs clients (yjs + y-websocket) connected while versions are taken and restored. */
class VersionRestoreTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static VersionServer server;

  @BeforeAll
  static void start() throws Exception {
    NodeScripts.requireNode();
    server =
        new VersionServer(
            new MemoryDocumentStore(), new MemoryRoomCatalog(), VersionPolicy.manualOnly());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyConnectedClientEndsWithTheRestoredVersionAndALaterOneBringsItBack() throws Exception {
    String room = "restore-" + System.nanoTime();
    var result =
        NodeScripts.node(
                Duration.ofSeconds(120),
                "versions.mjs",
                "restore",
                server.wsUrl().toString(),
                server.httpUrl(),
                room,
                VersionServer.ADMIN_TOKEN)
            .assertSucceeded();
    String[] ok = result.output().strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
    assertThat(ok[0]).isEqualTo("OK");
    String v1 = ok[2];
    String v2 = ok[3];

    // Two versions taken, plus one backup of the state before each restore; newest first.
    JsonNode list =
        JSON.readTree(server.send("GET", "/api/rooms/" + room + "/versions", null).body());
    List<String> triggers = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    list.get("versions")
        .forEach(
            v -> {
              triggers.add(v.get("trigger").asText());
              ids.add(v.get("id").asText());
            });
    assertThat(triggers).containsExactly("restore", "restore", "manual", "manual");
    assertThat(ids.subList(2, 4)).containsExactly(v2, v1);
    assertThat(list.get("versions").get(3).get("name").asText()).isEqualTo("first draft");
    assertThat(list.get("versions").get(0).get("name").asText())
        .isEqualTo("before restoring " + v2);

    // The JSON view of v1 and what changed from v1 to v2.
    JsonNode view =
        JSON.readTree(server.send("GET", "/api/rooms/" + room + "/versions/" + v1, null).body());
    assertThat(view.get("text").asText()).isEqualTo("hello world");
    assertThat(view.get("map").get("title").asText()).isEqualTo("first");
    assertThat(view.get("xml").asText()).isEqualTo("<p class=\"lead\">para one</p>");
    JsonNode diff =
        JSON.readTree(
            server
                .send("GET", "/api/rooms/" + room + "/versions/" + v1 + "/compare/" + v2, null)
                .body());
    assertThat(diff.get("changes").toString())
        .contains(
            "{\"op\":\"changed\",\"path\":\"/map/title\",\"from\":\"first\",\"to\":\"second\"}")
        .contains("{\"op\":\"removed\",\"path\":\"/map/count\",\"from\":1}")
        .contains("{\"op\":\"added\",\"path\":\"/map/added\",\"to\":[1,2]}");
    // After restoring v2 the live document equals v2: nothing changed between them.
    JsonNode same =
        JSON.readTree(
            server
                .send("GET", "/api/rooms/" + room + "/versions/" + v2 + "/compare?with=live", null)
                .body());
    assertThat(same.get("changes")).isEmpty();
  }
}
