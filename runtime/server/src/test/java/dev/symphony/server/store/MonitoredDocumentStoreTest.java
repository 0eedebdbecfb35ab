package dev.symphony.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MonitoredDocumentStoreTest {

  /** Fails every call while {@code down}. */
  private static final class Outage implements DocumentStore {
    final MemoryDocumentStore inner = new MemoryDocumentStore();
    boolean down;

    @Override
    public Optional<byte[]> load(String roomId) throws IOException {
      if (down) {
        throw new IOException("connection refused");
      }
      return inner.load(roomId);
    }

    @Override
    public void save(String roomId, byte[] snapshot) throws IOException {
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
  void aFailedWriteMarksTheStoreFailingUntilAWriteSucceeds() throws Exception {
    Outage outage = new Outage();
    StorageHealth health = new StorageHealth(Clock.systemUTC());
    MonitoredDocumentStore store = new MonitoredDocumentStore(outage, health);
    store.save("r", new byte[] {1});
    assertThat(health.problem()).isNull();

    outage.down = true;
    assertThatThrownBy(() -> store.save("r", new byte[] {2})).isInstanceOf(IOException.class);
    assertThat(health.problem())
        .startsWith("document store failing since ")
        .endsWith(": connection refused");
    assertThat(health.isFailing(MonitoredDocumentStore.NAME)).isTrue();

    outage.down = false;
    store.save("r", new byte[] {3});
    assertThat(health.problem()).isNull();
    assertThat(store.load("r")).hasValueSatisfying(b -> assertThat(b).containsExactly(3));
  }

  @Test
  void aFailedLoadIsTheJoinersErrorNotAStoreState() {
    Outage outage = new Outage();
    outage.down = true;
    StorageHealth health = new StorageHealth(Clock.systemUTC());
    MonitoredDocumentStore store = new MonitoredDocumentStore(outage, health);
    assertThatThrownBy(() -> store.load("r")).isInstanceOf(IOException.class);
    assertThat(health.problem()).isNull();
  }
}
