package dev.symphony.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code symphony serve --topology pubsub-redis}: settings and two real nodes over Redis. */
class PubsubRedisServeTest {

  @TempDir Path shared;

  @Test
  void withoutRedisItRefusesInOneLine() {
    CommandLine cli = new CommandLine(new ServeCommand(Map.of()));
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("--topology", "pubsub-redis", "--port", "0");
    assertThat(code).isEqualTo(ServeCommand.INVALID_SETTINGS);
    assertThat(err.toString().strip())
        .isEqualTo(
            "symphony serve: the pubsub-redis topology needs --redis redis://host:port"
                + " (or SYMPHONY_REDIS)");
  }

  @Test
  void twoNodesServeOneRoomOverTheSharedRedis() throws Exception {
    // The shared Redis service (nothing here stops it); a unique room keeps runs apart.
    String room = "cli-pubsub-" + System.nanoTime();
    var jvm = java.util.List.of("-XX:TieredStopAtLevel=1");
    try (ServeProcess one =
            ServeProcess.start(
                jvm,
                shared,
                "--topology=pubsub-redis",
                "--redis=redis://127.0.0.1:6379",
                "--node-id=cli-one");
        ServeProcess two =
            ServeProcess.start(
                jvm,
                shared,
                "--topology=pubsub-redis",
                "--redis=redis://127.0.0.1:6379",
                "--node-id=cli-two")) {
      URI first = URI.create(one.awaitListening());
      URI second = URI.create(two.awaitListening());
      assertThat(one.output()).contains("pubsub-redis node cli-one listening on ws://");
      try (RoomClient writer = RoomClient.connect(first, room);
          RoomClient reader = RoomClient.connect(second, room)) {
        writer.synced().get(30, TimeUnit.SECONDS);
        reader.synced().get(30, TimeUnit.SECONDS);
        writer.change(doc -> doc.getText("t").insert(0, "across nodes")).join();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!reader.read(doc -> doc.getText("t").toString()).join().equals("across nodes")) {
          assertThat(System.nanoTime()).as("the edit to reach node two").isLessThan(deadline);
          Thread.sleep(50);
        }
      }
    }
  }
}
