package dev.symphony.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.symphony.server.RoomServer;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.server.store.FileDocumentStore;
import dev.symphony.server.store.FileUpdateLog;
import dev.symphony.server.store.MemoryRoomCatalog;
import dev.symphony.server.testing.NodeScripts;
import dev.symphony.yjs.YDoc;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Yjs clients (npm yjs + y-websocket) stay connected while a backend posts a binary update and
 * JSON edits; both reach every client and a late joiner; the changes survive a crash (the files as
 * a running server leaves them, before any checkpoint) and a clean restart.
 */
class DocumentApiInteropTest {

  private static final String ROOM = "api-live";
  private static final String EXPECTED =
      "{\"text\":\"Hello, the backend\",\"map\":{\"title\":\"Edited\","
          + "\"plain\":{\"a\":[1,2],\"b\":null},\"tasks\":[{\"name\":\"write\",\"done\":true}]},"
          + "\"array\":[\"x\",\"nested text\"]}";

  @TempDir Path dir;

  private static ServerConfig config() {
    return ServerConfig.defaults()
        .withHost("127.0.0.1")
        .withPort(0)
        .withIoThreads(2)
        // No checkpoint during the test: what the crash copy holds came through the update log.
        .withRooms(RoomSettings.defaults().withCheckpointInterval(Duration.ofMinutes(10)));
  }

  private static RoomServer start(Path data) throws Exception {
    return RoomServer.start(
        config(),
        new FileDocumentStore(data.resolve("documents")),
        new MemoryRoomCatalog(),
        FileUpdateLog.open(data.resolve("log"), Duration.ofMillis(5), 1024 * 1024));
  }

  private static String ws(RoomServer server) {
    return "ws://127.0.0.1:" + server.address().getPort();
  }

  @Test
  void serverChangesReachLiveClientsLateJoinersAndSurviveCrashAndRestart() throws Exception {
    NodeScripts.requireNode();
    Path live = dir.resolve("live");
    Path crashed = dir.resolve("crashed");
    try (RoomServer server = start(live)) {
      NodeScripts.node(Duration.ofSeconds(90), "document-api.mjs", "live", ws(server), ROOM, "-")
          .assertSucceeded();
      // What a crash right now would leave on disk: the 2xx answers came after the log's fsync.
      copy(live, crashed);
      assertThat(new FileDocumentStore(crashed.resolve("documents")).load(ROOM))
          .as("no checkpoint yet: the log alone carries the changes")
          .isEmpty();
    }
    try (RoomServer afterCrash = start(crashed)) {
      NodeScripts.node(
              Duration.ofSeconds(60), "document-api.mjs", "check", ws(afterCrash), ROOM, EXPECTED)
          .assertSucceeded();
      assertThat(documentJson(afterCrash)).isEqualTo(canonical(EXPECTED));
    }
    try (RoomServer restarted = start(live)) {
      NodeScripts.node(
              Duration.ofSeconds(60), "document-api.mjs", "check", ws(restarted), ROOM, EXPECTED)
          .assertSucceeded();
    }
  }

  /** The document read back through {@code GET /api/rooms/{id}/update}, as canonical JSON. */
  private static String documentJson(RoomServer server) throws Exception {
    HttpResponse<byte[]> response =
        new ApiHttp(server.address().getPort(), null).get("/api/rooms/" + ROOM + "/update");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/octet-stream");
    YDoc doc = new YDoc();
    doc.applyUpdate(response.body());
    doc.getText("text");
    doc.getMap("map");
    doc.getArray("array");
    return canonical(doc.toJson());
  }

  private static String canonical(String json) throws Exception {
    ObjectMapper mapper =
        new ObjectMapper()
            .configure(
                com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
                true);
    return mapper.writeValueAsString(mapper.readValue(json, Object.class));
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
