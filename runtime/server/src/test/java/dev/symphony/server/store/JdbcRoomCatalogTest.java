package dev.symphony.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcRoomCatalogTest {

  @TempDir Path temp;

  private JdbcRoomCatalog open() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + temp.resolve("catalog") + ";DB_CLOSE_DELAY=0");
    return JdbcRoomCatalog.open(h2, () -> {});
  }

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void aRoomsLifeIsRecorded() {
    try (JdbcRoomCatalog catalog = open()) {
      catalog.roomOpened("r", T0);
      assertThat(catalog.find("r")).contains(new RoomRecord("r", T0, T0, true, 0));

      catalog.roomCheckpointed("r", 1234, T0.plusSeconds(30));
      catalog.roomClosed("r", T0.plusSeconds(60));
      assertThat(catalog.find("r"))
          .contains(new RoomRecord("r", T0, T0.plusSeconds(60), false, 1234));

      catalog.roomOpened("r", T0.plusSeconds(90));
      assertThat(catalog.find("r"))
          .contains(new RoomRecord("r", T0, T0.plusSeconds(90), true, 1234));
    }
  }

  @Test
  void theCatalogSurvivesReopeningAndMigrationsRunOnce() {
    try (JdbcRoomCatalog catalog = open()) {
      catalog.roomOpened("kept", T0);
    }
    try (JdbcRoomCatalog catalog = open()) {
      assertThat(catalog.find("kept")).isPresent();
      assertThat(catalog.find("missing")).isEmpty();
    }
  }

  @Test
  void startUpMarksRoomsLeftActiveByACrashInactive() {
    try (JdbcRoomCatalog catalog = open()) {
      catalog.roomOpened("a", T0);
      catalog.roomOpened("b", T0.plusSeconds(1));
      catalog.markAllInactive();
      assertThat(catalog.list()).extracting(RoomRecord::active).containsOnly(false);
    }
  }

  @Test
  void listShowsTheMostRecentlyActiveFirst() {
    try (JdbcRoomCatalog catalog = open()) {
      catalog.roomOpened("old", T0);
      catalog.roomOpened("new", T0.plusSeconds(10));
      catalog.roomCheckpointed("unopened", 5, T0.plusSeconds(5));
      assertThat(catalog.list())
          .extracting(RoomRecord::id)
          .containsExactly("new", "unopened", "old");
    }
  }

  @Test
  void idsUpToTheMaximumLengthFit() {
    String longId = "\u00e9".repeat(512);
    try (JdbcRoomCatalog catalog = open()) {
      catalog.roomOpened(longId, T0);
      assertThat(catalog.find(longId)).isPresent();
    }
  }
}
