package dev.symphony.singlenode.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.config.ServerConfig;
import dev.symphony.singlenode.DataDirectory;
import dev.symphony.singlenode.SingleNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whiteboard demo in real browsers (Debian's chromium, headless, driven by playwright-core from
 * {@code runtime/client-js/test/browser/whiteboard.mjs}): two users in one room see each other's
 * strokes and cursors, undo takes back only the undoer's stroke on both screens, and after the
 * server is stopped and started again on the same port and data directory both pages (and a
 * newcomer) show the same drawing. Screenshots land in {@code target/whiteboard-screenshots}.
 * Skipped without node or chromium (a failure under CI=true).
 */
class WhiteboardBrowserTest {

  private static final Path SCREENSHOTS = Path.of("target/whiteboard-screenshots").toAbsolutePath();
  private static final Duration STEP = Duration.ofSeconds(120);

  @TempDir Path temp;

  @Test
  void twoUsersDrawTogetherAcrossAServerRestart() throws Exception {
    ClientJs.requireChromium();
    ClientJs.requireNode();
    deleteScreenshots();
    DataDirectory data = DataDirectory.prepare(temp.resolve("data"));
    ServerConfig config =
        ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIoThreads(2);
    SingleNode node = SingleNode.start(config, data);
    int port = node.address().getPort();
    Process browser = null;
    try {
      browser =
          new ProcessBuilder(
                  "node",
                  "test/browser/whiteboard.mjs",
                  "http://127.0.0.1:" + port,
                  "board-" + Long.toString(System.nanoTime(), 36),
                  SCREENSHOTS.toString())
              .directory(ClientJs.directory().toFile())
              .redirectErrorStream(true)
              .start();
      BlockingQueue<String> output = ClientJs.follow(browser);
      try (PrintWriter commands =
          new PrintWriter(browser.getOutputStream(), true, StandardCharsets.UTF_8)) {
        ClientJs.expect(output, "STOP", STEP);
        node.close();
        node = null;
        commands.println("stopped");
        ClientJs.expect(output, "START", STEP);
        node = SingleNode.start(config.withPort(port), data);
        commands.println("started");
        ClientJs.expect(output, "DONE shapes=4", STEP);
      }
      assertThat(browser.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(browser.exitValue()).isZero();
    } finally {
      if (browser != null) {
        ClientJs.stop(browser);
      }
      if (node != null) {
        node.close();
      }
    }
    for (String name :
        new String[] {
          "whiteboard-1-alice.png",
          "whiteboard-1-bob.png",
          "whiteboard-2-alice-offline.png",
          "whiteboard-3-alice.png",
          "whiteboard-3-bob.png"
        }) {
      assertThat(SCREENSHOTS.resolve(name)).exists();
      assertThat(Files.size(SCREENSHOTS.resolve(name))).isGreaterThan(10_000);
    }
  }

  private static void deleteScreenshots() throws Exception {
    if (Files.isDirectory(SCREENSHOTS)) {
      try (Stream<Path> files = Files.list(SCREENSHOTS)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
    }
  }
}
