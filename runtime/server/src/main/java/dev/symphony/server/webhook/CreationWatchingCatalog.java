package dev.symphony.server.webhook;

import dev.symphony.server.store.RoomCatalog;
import dev.symphony.server.store.RoomRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room catalog as the rooms use it, noticing when a room is opened that the catalog has no
 * record of: that is when {@code room.created} is sent. Runs on the storage threads (where blocking
 * is allowed), before the room's {@code opened}, so a room's creation reaches the outbox before
 * anything else about it. Everything else passes straight through.
 */
final class CreationWatchingCatalog implements RoomCatalog {

  private static final Logger log = LoggerFactory.getLogger(CreationWatchingCatalog.class);

  private final RoomCatalog delegate;
  private final Consumer<String> created;

  CreationWatchingCatalog(RoomCatalog delegate, Consumer<String> created) {
    this.delegate = delegate;
    this.created = created;
  }

  @Override
  public void roomOpened(String roomId, Instant at) {
    boolean known;
    try {
      known = delegate.find(roomId).isPresent();
    } catch (RuntimeException e) {
      // Without the catalog's answer no room.created is sent rather than a false one.
      log.warn("room={} catalog lookup failed; no room.created sent: {}", roomId, e.toString());
      known = true;
    }
    delegate.roomOpened(roomId, at);
    if (!known) {
      created.accept(roomId);
    }
  }

  @Override
  public void roomCheckpointed(String roomId, long documentBytes, Instant at) {
    delegate.roomCheckpointed(roomId, documentBytes, at);
  }

  @Override
  public void roomClosed(String roomId, Instant at) {
    delegate.roomClosed(roomId, at);
  }

  @Override
  public void delete(String roomId) {
    delegate.delete(roomId);
  }

  @Override
  public void markAllInactive() {
    delegate.markAllInactive();
  }

  @Override
  public Optional<RoomRecord> find(String roomId) {
    return delegate.find(roomId);
  }

  @Override
  public List<RoomRecord> list() {
    return delegate.list();
  }

  @Override
  public Optional<DataSource> dataSource() {
    return delegate.dataSource();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
