package dev.symphony.singlenode;

import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.FileDocumentStore;
import dev.symphony.server.store.MonitoredDocumentStore;
import dev.symphony.server.store.RetryingRoomCatalog;
import dev.symphony.server.store.RoomCatalog;
import dev.symphony.server.store.StorageHealth;
import dev.symphony.server.store.s3.S3DocumentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * The stores {@link StorageSettings} select, opened and checked: files or S3 for documents, the
 * embedded database or PostgreSQL for the catalog. Both report to one {@link StorageHealth} ({@code
 * /readyz}); catalog writes that fail are kept and retried, failed checkpoints are retried by the
 * rooms, so a storage outage loses nothing while the process runs.
 *
 * @param settings what was opened
 * @param documents the document store as the rooms use it (health-reporting)
 * @param catalog the catalog as the rooms use it (retrying)
 */
record OpenedStores(
    StorageSettings settings,
    MonitoredDocumentStore documents,
    RoomCatalog catalog,
    StorageHealth health) {

  /**
   * Opens both stores; a bad setting, a missing bucket or an unreachable database stops here with a
   * one-line message.
   */
  static OpenedStores open(StorageSettings settings, DataDirectory data) {
    DocumentStore documents = documents(settings, data);
    RoomCatalog catalog;
    try {
      catalog =
          settings.catalog().embedded()
              ? EmbeddedCatalog.open(data.catalog())
              : PostgresCatalog.open(settings.catalog());
    } catch (RuntimeException e) {
      if (documents instanceof AutoCloseable closeable) {
        closeQuietly(closeable);
      }
      throw e;
    }
    StorageHealth health = new StorageHealth(Clock.systemUTC());
    return new OpenedStores(
        settings,
        new MonitoredDocumentStore(documents, health),
        new RetryingRoomCatalog(catalog, health),
        health);
  }

  private static DocumentStore documents(StorageSettings settings, DataDirectory data) {
    if (settings.s3() != null) {
      return S3DocumentStore.open(settings.s3());
    }
    try {
      return new FileDocumentStore(data.documents());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use " + data.documents() + ": " + e.getMessage(), e);
    }
  }

  /** Closes the document store (the room server closes the catalog itself). */
  void closeDocuments() {
    closeQuietly(documents);
  }

  /** Closes both: start-up failed before the room server took them over. */
  void closeAll() {
    closeDocuments();
    catalog.close();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing a client that is failing anyway; nothing more to do.
    }
  }
}
