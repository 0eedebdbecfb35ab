package dev.symphony.singlenode;

import dev.symphony.server.store.MonitoredDocumentStore;
import dev.symphony.server.store.RetryingRoomCatalog;
import dev.symphony.server.store.RoomCatalog;
import dev.symphony.server.store.StorageHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Storage health as metrics: {@code symphony_storage_failing{store="documents"|"catalog"}} is 1
 * while that store fails (rooms serve from memory and retry), and {@code
 * symphony_catalog_pending_writes} counts the catalog writes waiting for the database.
 */
final class StorageMetrics {

  private StorageMetrics() {}

  static void bind(MeterRegistry registry, StorageHealth health, RoomCatalog catalog) {
    Gauge.builder(
            "symphony.storage.failing",
            health,
            h -> h.isFailing(MonitoredDocumentStore.NAME) ? 1 : 0)
        .tag("store", "documents")
        .description("1 while the document store fails (checkpoints are retried)")
        .register(registry);
    Gauge.builder(
            "symphony.storage.failing", health, h -> h.isFailing(RetryingRoomCatalog.NAME) ? 1 : 0)
        .tag("store", "catalog")
        .description("1 while the room catalog fails (its writes are kept and retried)")
        .register(registry);
    if (catalog instanceof RetryingRoomCatalog retrying) {
      Gauge.builder("symphony.catalog.pending.writes", retrying, RetryingRoomCatalog::pendingWrites)
          .description("room catalog writes waiting for the database")
          .register(registry);
    }
  }
}
