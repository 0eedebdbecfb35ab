package dev.symphony.server.store;

import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports whether the document store can take writes to {@link StorageHealth}: a failed snapshot
 * write marks it failing (so {@code /readyz} says not ready, with the reason), the next successful
 * one marks it working again. Only writes count: the checkpointer retries them with backoff until
 * one succeeds, so the state always clears when storage returns. A failed load is the joining
 * client's error (it reconnects); it would never clear if no client came back.
 */
public final class MonitoredDocumentStore implements DocumentStore, AutoCloseable {

  /** The name under which this store appears in {@link StorageHealth#problem()}. */
  public static final String NAME = "document store";

  private static final Logger log = LoggerFactory.getLogger(MonitoredDocumentStore.class);

  private final DocumentStore delegate;
  private final StorageHealth health;

  public MonitoredDocumentStore(DocumentStore delegate, StorageHealth health) {
    this.delegate = delegate;
    this.health = health;
  }

  @Override
  public Optional<byte[]> load(String roomId) throws IOException {
    return delegate.load(roomId);
  }

  @Override
  public void save(String roomId, byte[] snapshot) throws IOException {
    try {
      delegate.save(roomId, snapshot);
      working();
    } catch (IOException e) {
      throw failing(e);
    }
  }

  @Override
  public void delete(String roomId) throws IOException {
    delegate.delete(roomId);
  }

  /** The delegate's versions: version writes are not health checks (the API reports them). */
  @Override
  public VersionStore versions() {
    return delegate.versions();
  }

  @Override
  public void close() throws Exception {
    if (delegate instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  private void working() {
    if (health.recovered(NAME)) {
      log.info("document store works again; pending checkpoints are being written");
    }
  }

  private IOException failing(IOException e) {
    if (health.failed(NAME, e.getMessage())) {
      log.warn(
          "document store failing: {}; rooms keep serving from memory and retry", e.getMessage());
    }
    return e;
  }
}
