package dev.symphony.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.testing.NodeScripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code symphony serve} as a real process: real Yjs clients write a document, the server gets
 * SIGTERM, a new server on the same data directory serves the same document.
 */
class ServeRestartTest {

  @TempDir Path temp;

  @Test
  void aDocumentSurvivesSigtermAndRestart() throws Exception {
    NodeScripts.requireNode();
    Path data = temp.resolve("data");
    String prefix = "restart" + System.nanoTime();

    try (ServeProcess first = ServeProcess.start(data)) {
      String url = first.awaitListening();
      NodeScripts.node(Duration.ofSeconds(60), "interop.mjs", "restart-write", url, prefix)
          .assertSucceeded();
      int exit = first.terminate(Duration.ofSeconds(60));
      String output = first.output();
      assertThat(exit).as("exit code; output:\n%s", output).isIn(0, 143);
      assertThat(output).contains("stopping: storing 1 open room(s)").contains("stopped");
    }
    try (var files = Files.list(data.resolve("documents"))) {
      // Snapshots only: the versions/ folder beside them holds the idle version history took.
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactly(prefix + "-restart.ydoc");
    }

    try (ServeProcess second = ServeProcess.start(data)) {
      String url = second.awaitListening();
      NodeScripts.node(Duration.ofSeconds(60), "interop.mjs", "restart-verify", url, prefix)
          .assertSucceeded();
      second.terminate(Duration.ofSeconds(60));
    }
  }

  @Test
  void theBannerSaysWhereItListensAndWhereDataLives() throws Exception {
    Path data = temp.resolve("banner-data");
    try (ServeProcess server = ServeProcess.start(data)) {
      String url = server.awaitListening();
      assertThat(url).startsWith("ws://127.0.0.1:");
      server.terminate(Duration.ofSeconds(30));
      assertThat(server.output())
          .contains("health:  http://127.0.0.1:")
          .contains("data:    " + data.toAbsolutePath())
          .doesNotContain("WARNING");
    }
  }

  @Test
  void listeningBeyondThisMachineWithoutAuthNeedsInsecureAndPrintsAWarning() throws Exception {
    try (ServeProcess server =
        ServeProcess.start(temp.resolve("d"), "--host=0.0.0.0", "--insecure")) {
      assertThat(server.awaitListening()).startsWith("ws://0.0.0.0:");
      server.terminate(Duration.ofSeconds(30));
      assertThat(server.output())
          .contains("WARNING: --insecure: listening on 0.0.0.0 without authentication");
    }
  }

  @Test
  void aSecondServerOnTheSameDataDirectoryStopsWithOneLine() throws Exception {
    Path data = temp.resolve("shared");
    try (ServeProcess first = ServeProcess.start(data)) {
      first.awaitListening();
      try (ServeProcess second = ServeProcess.start(data)) {
        assertThat(second.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(second.output())
            .contains("symphony serve: data directory")
            .contains("is in use by another process");
      }
      first.terminate(Duration.ofSeconds(30));
    }
  }
}
