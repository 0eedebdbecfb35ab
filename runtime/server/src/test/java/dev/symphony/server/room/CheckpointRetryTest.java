package dev.symphony.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.MemoryDocumentStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failed checkpoint is retried with exponential backoff, not only after a whole interval. */
class CheckpointRetryTest {

  /** Counts every write attempt; fails them while {@code down}. */
  static final class FlakyStore implements DocumentStore {
    final MemoryDocumentStore inner = new MemoryDocumentStore();
    int attempts;
    boolean down;

    @Override
    public Optional<byte[]> load(String roomId) {
      return inner.load(roomId);
    }

    @Override
    public void save(String roomId, byte[] snapshot) throws IOException {
      attempts++;
      if (down) {
        throw new IOException("connection refused");
      }
      inner.save(roomId, snapshot);
    }

    @Override
    public void delete(String roomId) {
      inner.delete(roomId);
    }
  }

  @Test
  void failedCheckpointsRetryAfterOneTwoFourSecondsUntilStorageIsBack() {
    FlakyStore store = new FlakyStore();
    RoomFixture fixture = new RoomFixture(store, RoomSettings.defaults());
    RecordingConnection alice = fixture.join("r", "alice");
    fixture.send("r", alice, RoomFixture.update(RoomFixture.clientDoc("kept")));
    store.down = true;

    fixture.advance(RoomSettings.DEFAULT_CHECKPOINT_INTERVAL); // the regular checkpoint fails
    assertThat(store.attempts).isEqualTo(1);
    fixture.advance(Duration.ofMillis(999));
    assertThat(store.attempts).isEqualTo(1);
    fixture.advance(Duration.ofMillis(1)); // 1 s later: second try
    assertThat(store.attempts).isEqualTo(2);
    fixture.advance(Duration.ofSeconds(2)); // then 2 s later
    assertThat(store.attempts).isEqualTo(3);

    store.down = false; // storage is back: the next try, 4 s later, stores the document
    fixture.advance(Duration.ofSeconds(4));
    assertThat(store.attempts).isEqualTo(4);
    assertThat(store.inner.load("r")).isPresent();
    fixture.advance(Duration.ofSeconds(60)); // nothing changed since: no more writes
    assertThat(store.attempts).isEqualTo(4);
  }
}
