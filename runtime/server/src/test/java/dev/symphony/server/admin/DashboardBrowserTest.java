package dev.symphony.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import dev.symphony.server.testing.BrowserTools;
import dev.symphony.server.testing.TestServer;
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
 * The developer dashboard in a real browser (Debian's chromium, headless, driven by playwright-core
 * from {@code src/test/browser}): a room appears when a client joins, its connection count follows
 * live, its detail shows the JSON document; the screenshot lands in {@code
 * target/dashboard-screenshot.png}. Skipped without node or chromium (a failure under CI=true).
 */
class DashboardBrowserTest {

  private static final String ROOM = "browser-room";
  private static final Path SCRIPTS = Path.of("src/test/browser").toAbsolutePath();
  private static final Path SCREENSHOT =
      Path.of("target/dashboard-screenshot.png").toAbsolutePath();

  @Test
  void dashboardFollowsARoomLive() throws Exception {
    BrowserTools.require("the dashboard browser test", SCRIPTS);
    Files.deleteIfExists(SCREENSHOT);
    List<RoomClient> clients = new ArrayList<>();
    try (TestServer server = TestServer.start()) {
      server.server.linkGrafana("http://grafana.test:3000/");
      Process node =
          new ProcessBuilder(
                  "node",
                  "dashboard.mjs",
                  server.httpUrl("").toString(),
                  ROOM,
                  SCREENSHOT.toString(),
                  "http://grafana.test:3000")
              .directory(SCRIPTS.toFile())
              .redirectErrorStream(true)
              .start();
      BlockingQueue<String> output = new LinkedBlockingQueue<>();
      Thread.ofPlatform().daemon().start(() -> readLines(node, output));
      try (PrintWriter commands =
          new PrintWriter(node.getOutputStream(), true, StandardCharsets.UTF_8)) {
        expect(output, "READY");
        RoomClient first = RoomClient.connect(server.wsUrl(), ROOM);
        clients.add(first);
        first.synced().get(20, TimeUnit.SECONDS);
        first
            .change(doc -> doc.getText("text").insert(0, "hello from java"))
            .get(10, TimeUnit.SECONDS);
        commands.println("joined 1");
        expect(output, "SEEN 1");
        RoomClient second = RoomClient.connect(server.wsUrl(), ROOM);
        clients.add(second);
        second.synced().get(20, TimeUnit.SECONDS);
        commands.println("joined 2");
        expect(output, "SEEN 2");
        expect(output, "DONE connections=2");
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isZero();
      } finally {
        node.destroyForcibly();
      }
    } finally {
      clients.forEach(RoomClient::close);
    }
    assertThat(SCREENSHOT).exists();
    assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
  }

  private static void expect(BlockingQueue<String> output, String line) throws Exception {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String next = output.poll(1, TimeUnit.SECONDS);
      if (next == null) {
        continue;
      }
      if (next.equals("<exit>")) {
        break;
      }
      if (next.equals(line)) {
        return;
      }
      seen.add(next);
    }
    throw new AssertionError(
        "the browser script never printed " + line + "; it printed:\n" + String.join("\n", seen));
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
