package dev.symphony.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.store.FileUpdateLog;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import dev.symphony.server.store.UpdateLog;
import dev.symphony.yjs.YDoc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server with an update log: recovery at start-up, logging of client edits, readiness. */
class UpdateLogServerTest {

  @TempDir Path dir;

  private final MemoryDocumentStore documents = new MemoryDocumentStore();

  private static ServerConfig config() {
    return ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIoThreads(2);
  }

  private static URI wsUrl(RoomServer server) {
    return URI.create("ws://127.0.0.1:" + server.address().getPort());
  }

  private FileUpdateLog openLog() throws Exception {
    return FileUpdateLog.open(dir, Duration.ofMillis(10), 64 * 1024);
  }

  private String storedText(String roomId) throws Exception {
    YDoc doc = new YDoc();
    doc.applyUpdate(documents.load(roomId).orElseThrow());
    return doc.getText("t").toString();
  }

  private static void await(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void roomsWithLoggedUpdatesAreRecoveredAndCheckpointedAtStartUp() throws Exception {
    YDoc edited = new YDoc();
    edited.getText("t").insert(0, "written before the crash");
    try (FileUpdateLog crashed = openLog()) {
      crashed.append("lost-room", edited.encodeStateAsUpdate()).get(10, TimeUnit.SECONDS);
    }
    FileUpdateLog log = openLog();
    try (RoomServer server = RoomServer.start(config(), documents, new MemoryRoomCatalog(), log)) {
      await("the recovered room's snapshot", () -> documents.load("lost-room").isPresent());
      assertThat(storedText("lost-room")).isEqualTo("written before the crash");
      await("the log to release the room", () -> log.roomsWithPending().isEmpty());

      try (RoomClient client = RoomClient.connect(wsUrl(server), "lost-room")) {
        client.synced().get(20, TimeUnit.SECONDS);
        assertThat(client.read(d -> d.getText("t").toString()).get())
            .isEqualTo("written before the crash");
      }
    }
  }

  @Test
  void clientEditsAreLoggedBeforeAnyCheckpoint() throws Exception {
    FileUpdateLog log = openLog();
    try (RoomServer server = RoomServer.start(config(), documents, new MemoryRoomCatalog(), log)) {
      try (RoomClient client = RoomClient.connect(wsUrl(server), "r")) {
        client.synced().get(20, TimeUnit.SECONDS);
        client.change(d -> d.getText("t").insert(0, "hello")).get();
        await("the edit in the log", () -> log.roomsWithPending().equals(Set.of("r")));
        YDoc replayed = new YDoc();
        for (byte[] update : log.pending("r")) {
          replayed.applyUpdate(update);
        }
        assertThat(replayed.getText("t").toString()).isEqualTo("hello");
        assertThat(documents.load("r")).isEmpty(); // the 30 s checkpoint has not run
      }
    }
  }

  @Test
  void readyzSaysNotReadyWhileTheLogCannotWrite() throws Exception {
    BrokenLog log = new BrokenLog();
    try (RoomServer server = RoomServer.start(config(), documents, new MemoryRoomCatalog(), log)) {
      URI readyz = URI.create("http://127.0.0.1:" + server.address().getPort() + "/readyz");
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> ready =
          http.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);

      log.healthy = false;
      HttpResponse<String> notReady =
          http.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("not ready").contains("update log");
    }
  }

  /** A log whose health the test decides (a full disk is hard to arrange in a test). */
  private static final class BrokenLog extends UpdateLog.Disabled {
    volatile boolean healthy = true;

    @Override
    public boolean healthy() {
      return healthy;
    }
  }
}
