package dev.symphony.singlenode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.client.RoomClient;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.server.store.RoomRecord;
import dev.symphony.server.store.s3.S3DocumentStore;
import dev.symphony.server.store.s3.S3ProxyServer;
import dev.symphony.yjs.YDoc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single-node on the production stores: the catalog on the shared PostgreSQL service (a schema of
 * its own) and documents in S3 (S3Proxy in this JVM). Rooms survive restarts byte for byte.
 */
class ProductionStoresTest {

  @TempDir Path temp;

  private SharedPostgres postgres;
  private S3ProxyServer s3;

  private final ServerConfig config =
      ServerConfig.defaults()
          .withPort(0)
          .withIoThreads(2)
          .withRooms(RoomSettings.defaults().withCheckpointInterval(Duration.ofSeconds(1)));

  @BeforeEach
  void startStores() throws Exception {
    postgres = SharedPostgres.connect();
    s3 = S3ProxyServer.start(Files.createDirectories(temp.resolve("s3")));
    s3.createBucket("symphony");
  }

  @AfterEach
  void stopStores() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    postgres.close();
  }

  private StorageSettings storage() {
    return new StorageSettings(
        CatalogAddress.parse(postgres.url()), s3.settings("symphony", "rooms"));
  }

  private SingleNode start(Path data, UpdateLogSettings log) throws Exception {
    return SingleNode.start(config, DataDirectory.prepare(data), log, storage());
  }

  @Test
  void roomsSurviveRestartsByteForByte() throws Exception {
    byte[] held;
    String heldText;
    try (SingleNode node = start(temp.resolve("data"), UpdateLogSettings.defaults());
        RoomClient writer = Editing.join(node, "Docs/plan");
        RoomClient other = Editing.join(node, "Docs/plan")) {
      for (int i = 0; i < 50; i++) {
        Editing.appendLine(i % 2 == 0 ? writer : other, "line " + i);
      }
      Editing.awaitText(writer, text -> text.split("\n").length == 50, Duration.ofSeconds(20));
      heldText = Editing.text(writer);
      Editing.awaitText(other, heldText::equals, Duration.ofSeconds(20));
      held = Editing.state(writer);
      assertThat(Editing.state(other)).isEqualTo(held);
    }

    // The snapshot is in the bucket and the catalog has its size.
    try (S3DocumentStore bucket = S3DocumentStore.open(s3.settings("symphony", "rooms"))) {
      byte[] snapshot = bucket.load("Docs/plan").orElseThrow();
      YDoc stored = new YDoc();
      stored.applyUpdate(snapshot);
      assertThat(stored.getText("t").toString()).isEqualTo(heldText);
      try (var catalog = PostgresCatalog.open(CatalogAddress.parse(postgres.url()))) {
        RoomRecord record = catalog.find("Docs/plan").orElseThrow();
        assertThat(record.active()).isFalse();
        assertThat(record.documentBytes()).isEqualTo(snapshot.length);
      }
    }

    // A new server on a fresh data directory (another machine, say) serves the same bytes: all of
    // it came from PostgreSQL and S3.
    try (SingleNode node = start(temp.resolve("elsewhere"), UpdateLogSettings.off());
        RoomClient fresh = Editing.join(node, "Docs/plan")) {
      assertThat(Editing.text(fresh)).isEqualTo(heldText);
      assertThat(Editing.state(fresh)).isEqualTo(held);
      assertThat(node.server().catalog().find("Docs/plan").orElseThrow().active()).isTrue();
    }
  }

  @Test
  void aMissingBucketStopsStartUp() {
    StorageSettings settings =
        new StorageSettings(CatalogAddress.parse(postgres.url()), s3.settings("missing", ""));
    assertThatThrownBy(
            () ->
                SingleNode.start(
                    config,
                    DataDirectory.prepare(temp.resolve("data")),
                    UpdateLogSettings.off(),
                    settings))
        .hasMessage("bucket 'missing' does not exist at " + s3.endpoint());
    // Nothing is left locked: the same data directory starts fine with good settings.
    assertThat(temp.resolve("data")).isDirectory();
  }
}
