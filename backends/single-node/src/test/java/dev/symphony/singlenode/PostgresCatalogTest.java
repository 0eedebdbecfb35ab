package dev.symphony.singlenode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.server.store.JdbcRoomCatalog;
import dev.symphony.server.store.RoomRecord;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC catalog and its Flyway migrations on the shared PostgreSQL service. */
class PostgresCatalogTest {

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
  void migrateCreatesTheSchemaOnceThenReportsUpToDate() {
    CatalogAddress address = CatalogAddress.parse(postgres.url());
    assertThat(PostgresCatalog.migrate(address)).isPositive();
    assertThat(PostgresCatalog.migrate(address)).isZero();
  }

  @Test
  void recordsRoomsLikeTheEmbeddedCatalog() {
    Instant opened = Instant.parse("2026-01-02T03:04:05.123456Z");
    try (JdbcRoomCatalog catalog = PostgresCatalog.open(CatalogAddress.parse(postgres.url()))) {
      catalog.roomOpened("Docs/plan", opened);
      catalog.roomCheckpointed("Docs/plan", 1234, opened.plusSeconds(5));
      catalog.roomOpened("other", opened.plusSeconds(1));
      catalog.roomClosed("other", opened.plusSeconds(2));

      RoomRecord plan = catalog.find("Docs/plan").orElseThrow();
      assertThat(plan.created()).isEqualTo(opened.truncatedTo(ChronoUnit.MICROS));
      assertThat(plan.lastActive()).isEqualTo(opened.plusSeconds(5));
      assertThat(plan.active()).isTrue();
      assertThat(plan.documentBytes()).isEqualTo(1234);
      assertThat(catalog.list()).extracting(RoomRecord::id).containsExactly("Docs/plan", "other");

      catalog.markAllInactive();
      assertThat(catalog.find("Docs/plan").orElseThrow().active()).isFalse();
    }
  }

  @Test
  void anUnreachableDatabaseStopsStartUpWithOneLine() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    CatalogAddress address =
        CatalogAddress.parse("postgres://postgres:secret@127.0.0.1:" + port + "/test");
    assertThatThrownBy(() -> PostgresCatalog.open(address))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "cannot reach the room catalog at jdbc:postgresql://127.0.0.1:"
                + port
                + "/test as postgres: ")
        .hasMessageNotContaining("secret")
        .hasMessageNotContaining("\n");
  }
}
