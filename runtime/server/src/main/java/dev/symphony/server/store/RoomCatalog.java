package dev.symphony.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Room metadata: which rooms exist, since when, whether they are loaded and how large their
 * documents are. Implementations block; the room runtime calls them off its event loops, and the
 * calls for one room arrive in order.
 */
public interface RoomCatalog extends AutoCloseable {

  /** A room was loaded: creates its record (created now) or marks it active again. */
  void roomOpened(String roomId, Instant at);

  /** A snapshot of {@code documentBytes} bytes was written. */
  void roomCheckpointed(String roomId, long documentBytes, Instant at);

  /** The room was unloaded. */
  void roomClosed(String roomId, Instant at);

  /** Forgets the room (admin delete); nothing happens when it has no record. */
  void delete(String roomId);

  /**
   * Marks every room inactive; called at start-up, since a process that crashed could not mark its
   * rooms closed.
   */
  void markAllInactive();

  Optional<RoomRecord> find(String roomId);

  /** All rooms, most recently active first. */
  List<RoomRecord> list();

  /**
   * The SQL database behind this catalog, for tables that live beside it (the webhook outbox);
   * empty when the catalog is not in a SQL database.
   */
  default Optional<javax.sql.DataSource> dataSource() {
    return Optional.empty();
  }

  @Override
  void close();
}
