package dev.symphony.singlenode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.client.RoomClient;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.store.RoomRecord;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleNodeTest {

  @TempDir Path temp;

  private final ServerConfig config =
      ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIoThreads(2);

  private static URI url(SingleNode node) {
    return URI.create("ws://127.0.0.1:" + node.address().getPort());
  }

  @Test
  void documentsSurviveARestartOnTheSameDataDirectory() throws Exception {
    DataDirectory data = DataDirectory.prepare(temp.resolve("data"));
    try (SingleNode node = SingleNode.start(config, data);
        RoomClient client = RoomClient.connect(url(node), "notes")) {
      client.synced().get(10, TimeUnit.SECONDS);
      client.change(d -> d.getText("t").insert(0, "kept across restarts")).join();
      // Reading our own write back through a second client proves the server applied it.
      try (RoomClient check = RoomClient.connect(url(node), "notes")) {
        check.synced().get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!check.read(d -> d.getText("t").toString()).join().equals("kept across restarts")) {
          assertThat(System.nanoTime()).isLessThan(deadline);
          Thread.sleep(20);
        }
      }
    }
    assertThat(data.documents().resolve("notes.ydoc")).exists();

    try (SingleNode restarted = SingleNode.start(config, data);
        RoomClient client = RoomClient.connect(url(restarted), "notes")) {
      client.synced().get(10, TimeUnit.SECONDS);
      assertThat(client.read(d -> d.getText("t").toString()).join())
          .isEqualTo("kept across restarts");
      RoomRecord record = restarted.server().catalog().find("notes").orElseThrow();
      assertThat(record.active()).isTrue();
      assertThat(record.documentBytes()).isPositive();
    }
  }

  @Test
  void aSecondServerOnTheSameDataDirectoryIsRefused() throws Exception {
    DataDirectory data = DataDirectory.prepare(temp.resolve("data"));
    try (SingleNode first = SingleNode.start(config, data)) {
      assertThat(first.address().getPort()).isPositive();
      assertThatThrownBy(() -> SingleNode.start(config, data))
          .hasMessageContaining("in use by another process");
    }
  }
}
