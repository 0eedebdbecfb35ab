package dev.symphony.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryingRoomCatalogTest {

  /** The memory catalog behind a switch that makes every write fail, like a database gone. */
  private static final class Flaky implements RoomCatalog {
    final MemoryRoomCatalog memory = new MemoryRoomCatalog();
    volatile boolean down;

    private void check() {
      if (down) {
        throw new CatalogException("room catalog: connection refused", null);
      }
    }

    @Override
    public void roomOpened(String roomId, Instant at) {
      check();
      memory.roomOpened(roomId, at);
    }

    @Override
    public void roomCheckpointed(String roomId, long documentBytes, Instant at) {
      check();
      memory.roomCheckpointed(roomId, documentBytes, at);
    }

    @Override
    public void roomClosed(String roomId, Instant at) {
      check();
      memory.roomClosed(roomId, at);
    }

    @Override
    public void delete(String roomId) {
      check();
      memory.delete(roomId);
    }

    @Override
    public void markAllInactive() {
      memory.markAllInactive();
    }

    @Override
    public Optional<RoomRecord> find(String roomId) {
      return memory.find(roomId);
    }

    @Override
    public List<RoomRecord> list() {
      return memory.list();
    }

    @Override
    public void close() {}
  }

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void writesDuringAnOutageLandInOrderOnceTheDatabaseIsBack() throws Exception {
    Flaky flaky = new Flaky();
    StorageHealth health = new StorageHealth(Clock.systemUTC());
    try (RetryingRoomCatalog catalog =
        new RetryingRoomCatalog(
            flaky, health, new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)))) {
      catalog.roomOpened("a", T0);
      flaky.down = true;
      catalog.roomCheckpointed("a", 10, T0.plusSeconds(1));
      catalog.roomCheckpointed("a", 20, T0.plusSeconds(2)); // queued behind, never overtakes
      catalog.roomClosed("a", T0.plusSeconds(3));
      assertThat(catalog.pendingWrites()).isEqualTo(3);
      assertThat(health.problem()).startsWith("room catalog failing since ");
      Thread.sleep(200); // several retries fail meanwhile
      assertThat(flaky.find("a").orElseThrow().documentBytes()).isZero();

      flaky.down = false;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (catalog.pendingWrites() > 0) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(10);
      }
      RoomRecord record = flaky.find("a").orElseThrow();
      assertThat(record.documentBytes()).isEqualTo(20);
      assertThat(record.active()).isFalse();
      assertThat(record.lastActive()).isEqualTo(T0.plusSeconds(3));
      assertThat(health.problem()).isNull();
    }
  }
}
