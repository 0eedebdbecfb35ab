package dev.symphony.singlenode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.server.testing.WebhookReceiver;
import dev.symphony.server.testing.WebhookReceiver.Delivery;
import dev.symphony.server.webhook.WebhookSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks with the catalog on PostgreSQL: the outbox migration runs there, events wait in it while
 * the receiver is down, and a restart of the node delivers them.
 */
class PostgresWebhooksTest {

  private static final String SECRET = "pg-secret";

  @TempDir Path temp;

  private SharedPostgres postgres;

  @BeforeEach
  void connect() {
    postgres = SharedPostgres.connect();
  }

  @AfterEach
  void dropSchema() throws Exception {
    postgres.close();
  }

  @Test
  void theOutboxLivesInPostgresAndSurvivesARestart() throws Exception {
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withIoThreads(2)
            .withRooms(RoomSettings.defaults().withGrace(Duration.ofMillis(200)));
    StorageSettings storage = new StorageSettings(CatalogAddress.parse(postgres.url()), null);
    try (WebhookReceiver receiver = WebhookReceiver.down(SECRET)) {
      WebhookSettings webhooks =
          WebhookSettings.to(List.of(receiver.url()), SECRET)
              .withDebounce(Duration.ZERO)
              .withRetry(Duration.ofMillis(50), Duration.ofMillis(300));
      try (SingleNode node =
          SingleNode.start(
              config,
              DataDirectory.prepare(temp.resolve("data")),
              UpdateLogSettings.defaults(),
              storage,
              webhooks)) {
        try (RoomClient client = Editing.join(node, "pg-room")) {
          Editing.appendLine(client, "hello");
          Editing.awaitText(client, "hello\n"::equals, Duration.ofSeconds(10));
        }
        awaitRows(4); // created, joined, changed, left (stored follows after the grace)
      }
      assertThat(outboxRows()).isPositive();

      receiver.up();
      try (SingleNode node =
          SingleNode.start(
              config,
              DataDirectory.prepare(temp.resolve("data")),
              UpdateLogSettings.defaults(),
              storage,
              webhooks)) {
        receiver.await(d -> d.type().equals("room.stored"), 30);
        List<Delivery> events = receiver.events();
        assertThat(events).allMatch(Delivery::signatureValid);
        assertThat(events.stream().map(Delivery::type))
            .as(receiver.summary())
            .containsSubsequence(
                "room.created", "user.joined", "room.changed", "user.left", "room.stored");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (outboxRows() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(outboxRows()).isZero();
      }
    }
  }

  private void awaitRows(int rows) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (outboxRows() < rows) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("outbox never held " + rows + " rows");
      }
      Thread.sleep(20);
    }
  }

  private long outboxRows() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://" + SharedPostgres.HOST + "?currentSchema=" + postgres.schema(),
                "postgres",
                "");
        ResultSet result =
            connection.createStatement().executeQuery("SELECT COUNT(*) FROM webhook_outbox")) {
      result.next();
      return result.getLong(1);
    }
  }
}
