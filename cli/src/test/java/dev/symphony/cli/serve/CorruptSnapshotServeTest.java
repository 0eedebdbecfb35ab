package dev.symphony.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.client.RoomClient;
import dev.symphony.client.RoomClient.ClientOptions;
import dev.symphony.server.store.SnapshotFileNames;
import dev.symphony.yjs.YDoc;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot file that does not decode: {@code symphony serve} refuses that room with a clear close
 * reason and one log line, keeps the file as it is, and serves every other room.
 */
class CorruptSnapshotServeTest {

  @TempDir Path temp;

  @Test
  void aCorruptSnapshotIsRefusedAndKept() throws Exception {
    Path data = temp.resolve("data");
    Path snapshot = data.resolve("documents").resolve(SnapshotFileNames.of("damaged"));
    Files.createDirectories(snapshot.getParent());
    byte[] garbage = {0x7f, 0x13, 0x37, 0x42, 0x00, 0x01, 0x02};
    Files.write(snapshot, garbage);

    try (ServeProcess server = ServeProcess.start(data)) {
      URI url = URI.create(server.awaitListening());
      ClientOptions once = ClientOptions.defaults().withAutoReconnect(false);
      try (RoomClient client = RoomClient.connect(url, "damaged", new YDoc(), once)) {
        assertThatThrownBy(() -> client.synced().get(30, TimeUnit.SECONDS))
            .hasMessageContaining("1011")
            .hasMessageContaining("the stored document of this room is corrupt");
      }
      try (RoomClient other = RoomClient.connect(url, "healthy")) {
        other.synced().get(30, TimeUnit.SECONDS); // the rest of the server is unaffected
      }
      server.terminate(Duration.ofSeconds(60));
      String output = server.output();
      assertThat(output.lines().filter(line -> line.contains("room=damaged refused")))
          .hasSize(1)
          .first()
          .asString()
          .contains("is corrupt")
          .contains("snapshot is kept");
    }
    assertThat(Files.readAllBytes(snapshot)).isEqualTo(garbage);
  }
}
