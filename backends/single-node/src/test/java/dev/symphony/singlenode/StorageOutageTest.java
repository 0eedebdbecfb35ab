package dev.symphony.singlenode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.server.store.s3.S3DocumentStore;
import dev.symphony.server.store.s3.S3ProxyServer;
import dev.symphony.yjs.YDoc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection: while clients keep editing, the S3 endpoint stops, then PostgreSQL. Rooms keep
 * serving, {@code /readyz} says what fails, and once storage is back every edit is stored. The
 * stores belong to this test (S3Proxy in this JVM, PostgreSQL from initdb on a free port); the
 * shared services are never touched.
 *
 * <p>Each outage lasts {@code symphony.test.outage} (default 30s, as the design asks; {@code
 * -Dsymphony.test.outage=5s} for a quick local run).
 */
class StorageOutageTest {

  private static final Logger log = LoggerFactory.getLogger(StorageOutageTest.class);

  private static final Duration OUTAGE = outage();

  /** Retries back off to at most 30 s, so recovery is seen within that plus some slack. */
  private static final Duration RECOVERY = Duration.ofSeconds(60);

  @TempDir Path temp;

  private LocalPostgres postgres;
  private S3ProxyServer s3;

  private final ServerConfig config =
      ServerConfig.defaults()
          .withPort(0)
          .withIoThreads(2)
          .withRooms(
              RoomSettings.defaults()
                  .withCheckpointInterval(Duration.ofMillis(500))
                  .withGrace(Duration.ofMillis(500)));

  @BeforeEach
  void startStores() throws Exception {
    Assumptions.assumeTrue(
        LocalPostgres.binaries() != null || "true".equals(System.getenv("CI")),
        "PostgreSQL binaries are not installed");
    postgres = LocalPostgres.start();
    s3 = S3ProxyServer.start(Files.createDirectories(temp.resolve("s3")));
    s3.createBucket("symphony");
  }

  @AfterEach
  void stopStores() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void editsDuringOutagesAreAllStoredOnceStorageReturns() throws Exception {
    StorageSettings storage =
        new StorageSettings(CatalogAddress.parse(postgres.url()), s3.settings("symphony", ""));
    DataDirectory data = DataDirectory.prepare(temp.resolve("data"));
    AtomicInteger lines = new AtomicInteger();
    byte[] held;
    String heldText;
    try (SingleNode node = SingleNode.start(config, data, UpdateLogSettings.defaults(), storage);
        RoomClient writer = Editing.join(node, "notes")) {
      AtomicBoolean typing = new AtomicBoolean(true);
      Thread typist =
          Thread.ofPlatform()
              .name("typist")
              .start(
                  () -> {
                    while (typing.get()) {
                      Editing.appendLine(writer, "line " + lines.getAndIncrement());
                      sleep(50);
                    }
                  });
      try {
        Editing.await("first checkpoint", RECOVERY, () -> Editing.readiness(node).status() == 200);
        Thread.sleep(1000);

        log.info("S3 stops for {}", OUTAGE);
        s3.pause();
        Editing.await(
            "/readyz to report the document store",
            RECOVERY,
            () -> Editing.readiness(node).body().contains("document store failing"));
        assertThat(Editing.readiness(node).status()).isEqualTo(503);
        // The loaded room still serves: a newcomer gets the whole document from memory.
        try (RoomClient newcomer = Editing.join(node, "notes")) {
          assertThat(Editing.text(newcomer)).contains("line 0\n");
        }
        Thread.sleep(OUTAGE.toMillis());
        s3.resume();
        log.info("S3 is back");
        Editing.await("ready again", RECOVERY, () -> Editing.readiness(node).status() == 200);

        log.info("PostgreSQL stops for {}", OUTAGE);
        postgres.pause();
        Editing.await(
            "/readyz to report the room catalog",
            RECOVERY,
            () -> Editing.readiness(node).body().contains("room catalog failing"));
        Thread.sleep(OUTAGE.toMillis());
        postgres.resume();
        log.info("PostgreSQL is back");
        Editing.await("ready again", RECOVERY, () -> Editing.readiness(node).status() == 200);
      } finally {
        typing.set(false);
        typist.join();
      }
      int typed = lines.get();
      log.info("{} lines typed", typed);
      try (RoomClient check = Editing.join(node, "notes")) {
        Editing.awaitText(
            check, text -> text.endsWith("line " + (typed - 1) + "\n"), Duration.ofSeconds(30));
      }
      heldText = Editing.text(writer);
      held = Editing.state(writer);
    }

    // Everything is in S3 and the catalog, not only in the update log: a fresh data directory
    // without the log sees all of it.
    try (S3DocumentStore bucket = S3DocumentStore.open(s3.settings("symphony", ""))) {
      YDoc stored = new YDoc();
      byte[] snapshot = bucket.load("notes").orElseThrow();
      stored.applyUpdate(snapshot);
      assertThat(stored.getText("t").toString()).isEqualTo(heldText);
      try (var catalog = PostgresCatalog.open(CatalogAddress.parse(postgres.url()))) {
        assertThat(catalog.find("notes").orElseThrow().documentBytes()).isEqualTo(snapshot.length);
      }
    }
    try (SingleNode node =
            SingleNode.start(
                config,
                DataDirectory.prepare(temp.resolve("fresh")),
                UpdateLogSettings.off(),
                storage);
        RoomClient fresh = Editing.join(node, "notes")) {
      for (int i = 0; i < lines.get(); i++) {
        assertThat(heldText).contains("line " + i + "\n");
      }
      assertThat(Editing.state(fresh)).isEqualTo(held);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration outage() {
    String value = System.getProperty("symphony.test.outage", "30s").strip();
    return value.endsWith("ms")
        ? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)))
        : Duration.ofSeconds(Long.parseLong(value.replaceFirst("s$", "")));
  }
}
