package dev.symphony.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.testing.NodeScripts;
import dev.symphony.server.testing.WebhookReceiver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code symphony serve --topology room-per-pod}: the proxy and its room processes. */
class RoomPerPodServeTest {

  @TempDir Path dataDir;

  @Test
  void theProxyStartsEachRoomAsASymphonyRoomProcessAndTheyDieWithIt() throws Exception {
    NodeScripts.requireNode();
    try (ServeProcess proxy =
        ServeProcess.start(dataDir, "--topology=room-per-pod", "--grace", "30s")) {
      String url = proxy.awaitListening();
      NodeScripts.node(Duration.ofSeconds(120), "roomperpod.mjs", "write", url, "cli room", "hi")
          .assertSucceeded();

      List<ProcessHandle> rooms = proxy.handle().children().filter(ProcessHandle::isAlive).toList();
      assertThat(rooms).hasSize(1);
      assertThat(arguments(rooms.get(0)))
          .containsSubsequence("--role", "room", "--room", "cli room", "--grace", "30s");
      try (var dirs = Files.list(dataDir.resolve("rooms"))) {
        assertThat(dirs.map(dir -> dir.getFileName().toString()))
            .singleElement()
            .satisfies(name -> assertThat(name).startsWith("room-cli-room-"));
      }

      proxy.kill(); // SIGKILL: no shutdown hook; the room process notices its parent is gone
      rooms.get(0).onExit().get(30, TimeUnit.SECONDS);
      assertThat(rooms.get(0).isAlive()).isFalse();
    }
  }

  @Test
  void roomProcessesSendTheWebhooksAndKeepTheVersionsTheProxyWasGiven() throws Exception {
    NodeScripts.requireNode();
    try (WebhookReceiver receiver = WebhookReceiver.start("room-secret");
        ServeProcess proxy =
            ServeProcess.start(
                dataDir,
                "--topology=room-per-pod",
                "--webhook-url",
                receiver.url().toString(),
                "--webhook-secret",
                "room-secret",
                "--versions-keep",
                "1")) {
      String url = proxy.awaitListening();
      NodeScripts.node(Duration.ofSeconds(120), "roomperpod.mjs", "write", url, "hooked", "hi")
          .assertSucceeded();

      WebhookReceiver.Delivery joined =
          receiver.await(d -> d.type().equals("user.joined") && d.room().equals("hooked"), 60);
      assertThat(joined.signatureValid()).isTrue();
      receiver.await(d -> d.type().equals("user.left") && d.room().equals("hooked"), 60);
      List<ProcessHandle> rooms = proxy.handle().children().filter(ProcessHandle::isAlive).toList();
      assertThat(arguments(rooms.get(0))).containsSubsequence("--versions-keep", "1");
    }
  }

  /** The full command line (ProcessHandle.Info gives none for one as long as a class path). */
  private static List<String> arguments(ProcessHandle process) throws java.io.IOException {
    byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
    return List.of(new String(raw, java.nio.charset.StandardCharsets.UTF_8).split("\0"));
  }

  @Test
  void theKubernetesOrchestratorNeedsTheRoomImage() {
    CommandLine cli = new CommandLine(new ServeCommand(Map.of()));
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "--topology",
            "room-per-pod",
            "--orchestrator",
            "kubernetes",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString());
    assertThat(code).isEqualTo(ServeCommand.INVALID_SETTINGS);
    assertThat(err.toString()).contains("SYMPHONY_ROOM_IMAGE is not set");
  }

  @Test
  void aRoomProcessNeedsItsRoom() {
    CommandLine cli = new CommandLine(new ServeCommand(Map.of()));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "--topology", "room-per-pod", "--role", "room", "--data-dir", dataDir.toString());
    assertThat(code).isEqualTo(ServeCommand.INVALID_SETTINGS);
    assertThat(err.toString()).contains("--role room needs the room it serves: --room <room-id>");
  }

  @Test
  void roomProcessesGetTheProxysOptionsButTheirOwnAddressAndDataDirectory() {
    assertThat(
            RoomPerPodServe.forwarded(
                List.of(
                    "serve",
                    "--topology=room-per-pod",
                    "--port",
                    "80",
                    "--host=0.0.0.0",
                    "--data-dir",
                    "/d",
                    "--grace",
                    "5s",
                    "--catalog",
                    "postgresql://db/x",
                    "--orchestrator",
                    "local-process",
                    "--insecure")))
        .containsExactly("--grace", "5s", "--catalog", "postgresql://db/x", "--insecure");
  }
}
