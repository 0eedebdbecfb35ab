package dev.symphony.server.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import dev.symphony.server.testing.BrowserTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An admin takes, views and restores a version in the developer dashboard (headless chromium via
 * playwright-core, {@code src/test/browser/versions.mjs}) while a Java client is connected: the
 * client ends with the version's content. Screenshot: {@code target/versions-screenshot.png}.
 * Skipped without node or chromium (a failure under CI=true).
 */
class VersionDashboardBrowserTest {

  private static final String ROOM = "versions-browser-room";
  private static final Path SCRIPTS = Path.of("src/test/browser").toAbsolutePath();
  private static final Path SCREENSHOT = Path.of("target/versions-screenshot.png").toAbsolutePath();

  @Test
  void anAdminTakesViewsAndRestoresAVersionInTheDashboard() throws Exception {
    BrowserTools.require("the versions browser test", SCRIPTS);
    Files.deleteIfExists(SCREENSHOT);
    try (VersionServer server =
            new VersionServer(
                new MemoryDocumentStore(), new MemoryRoomCatalog(), VersionPolicy.manualOnly());
        RoomClient client = RoomClient.connect(server.wsUrl(), ROOM)) {
      client.synced().get(20, TimeUnit.SECONDS);
      client.change(doc -> doc.getText("text").insert(0, "first text")).get(10, TimeUnit.SECONDS);
      Process node =
          new ProcessBuilder(
                  "node",
                  "versions.mjs",
                  server.httpUrl(),
                  VersionServer.ADMIN_TOKEN,
                  ROOM,
                  SCREENSHOT.toString())
              .directory(SCRIPTS.toFile())
              .redirectErrorStream(true)
              .start();
      BlockingQueue<String> output = new LinkedBlockingQueue<>();
      Thread.ofPlatform().daemon().start(() -> readLines(node, output));
      try (PrintWriter commands =
          new PrintWriter(node.getOutputStream(), true, StandardCharsets.UTF_8)) {
        String taken = expect(output, "TAKEN ");
        assertThat(server.documents.versions().list(ROOM))
            .singleElement()
            .satisfies(v -> assertThat(v.name()).isEqualTo("from the browser"))
            .satisfies(v -> assertThat(v.id()).isEqualTo(taken.substring("TAKEN ".length())));
        client
            .change(
                doc -> {
                  doc.getText("text").delete(0, doc.getText("text").length());
                  doc.getText("text").insert(0, "second text");
                })
            .get(10, TimeUnit.SECONDS);
        VersionApiTest.eventually(
            () -> server.server.rooms().documentJson(ROOM).get().orElse("").contains("second"));
        commands.println("changed");
        expect(output, "RESTORED");
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isZero();
      } finally {
        node.destroyForcibly();
      }
      VersionApiTest.eventually(
          () -> client.read(doc -> doc.getText("text").toString()).get().equals("first text"));
    }
    assertThat(SCREENSHOT).exists();
  }

  private static String expect(BlockingQueue<String> output, String prefix) throws Exception {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      String next = output.poll(1, TimeUnit.SECONDS);
      if (next == null) {
        continue;
      }
      if (next.equals("<exit>")) {
        break;
      }
      if (next.startsWith(prefix)) {
        return next;
      }
      seen.add(next);
    }
    throw new AssertionError(
        "the browser script never printed " + prefix + "; it printed:\n" + String.join("\n", seen));
  }

  private static void readLines(Process process, BlockingQueue<String> output) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        output.add(line);
      }
    } catch (IOException e) {
      output.add("read failed: " + e);
    }
    output.add("<exit>");
  }
}
