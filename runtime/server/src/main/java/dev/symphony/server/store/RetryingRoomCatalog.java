package dev.symphony.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps catalog writes when the catalog's database is down: a write that fails is queued, and the
 * queue is replayed in order, with exponential backoff, until the database answers again; writes
 * that arrive meanwhile join the queue behind it, so each room's records land in the order they
 * happened. While the queue is not empty the catalog counts as failing in {@link StorageHealth}.
 * Reads ({@link #find}, {@link #list}) and {@link #markAllInactive()} (start-up) go straight
 * through.
 */
public final class RetryingRoomCatalog implements RoomCatalog {

  /** The name under which this store appears in {@link StorageHealth#problem()}. */
  public static final String NAME = "room catalog";

  private static final Logger log = LoggerFactory.getLogger(RetryingRoomCatalog.class);

  private interface Write {
    void apply(RoomCatalog catalog);
  }

  private final RoomCatalog delegate;
  private final StorageHealth health;
  private final Backoff backoff;
  private final ScheduledExecutorService retrier;
  private final Deque<Write> pending = new ArrayDeque<>();
  private boolean retryScheduled;
  private boolean closed;

  public RetryingRoomCatalog(RoomCatalog delegate, StorageHealth health) {
    this(delegate, health, Backoff.defaults());
  }

  public RetryingRoomCatalog(RoomCatalog delegate, StorageHealth health, Backoff backoff) {
    this.delegate = delegate;
    this.health = health;
    this.backoff = backoff;
    this.retrier =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("symphony-catalog-retry").daemon().factory());
  }

  @Override
  public void roomOpened(String roomId, Instant at) {
    write(catalog -> catalog.roomOpened(roomId, at));
  }

  @Override
  public void roomCheckpointed(String roomId, long documentBytes, Instant at) {
    write(catalog -> catalog.roomCheckpointed(roomId, documentBytes, at));
  }

  @Override
  public void roomClosed(String roomId, Instant at) {
    write(catalog -> catalog.roomClosed(roomId, at));
  }

  /** Queued like the other writes, so a record written before the delete cannot outlive it. */
  @Override
  public void delete(String roomId) {
    write(catalog -> catalog.delete(roomId));
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
  public Optional<javax.sql.DataSource> dataSource() {
    return delegate.dataSource();
  }

  @Override
  public List<RoomRecord> list() {
    return delegate.list();
  }

  /** How many writes wait for the database. */
  public synchronized int pendingWrites() {
    return pending.size();
  }

  /**
   * Runs the write now when nothing waits, else queues it behind the waiting ones. The lock keeps
   * the order; while the database is up a write holds it for milliseconds only.
   */
  private synchronized void write(Write write) {
    if (!pending.isEmpty()) {
      pending.addLast(write);
      return;
    }
    try {
      write.apply(delegate);
    } catch (RuntimeException e) {
      pending.addLast(write);
      if (health.failed(NAME, reason(e))) {
        log.warn("room catalog failing: {}; writes are kept and retried", reason(e));
      }
      scheduleRetry();
    }
  }

  private void scheduleRetry() {
    if (retryScheduled || closed) {
      return;
    }
    retryScheduled = true;
    Duration delay = backoff.next();
    retrier.schedule(this::replay, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Replays the queue in order; stops at the first failure and tries again later. */
  private synchronized void replay() {
    retryScheduled = false;
    int written = 0;
    while (!pending.isEmpty()) {
      try {
        pending.peekFirst().apply(delegate);
      } catch (RuntimeException e) {
        health.failed(NAME, reason(e));
        log.debug("room catalog still failing ({} writes waiting): {}", pending.size(), reason(e));
        scheduleRetry();
        return;
      }
      pending.removeFirst();
      written++;
    }
    backoff.reset();
    if (health.recovered(NAME)) {
      log.info("room catalog works again; wrote {} waiting write(s)", written);
    }
  }

  /** The pool's "connection not available" hides why; the driver's innermost cause says it. */
  static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(e.getMessage());
    return root == e ? message : message + " (" + root.getMessage() + ")";
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (!pending.isEmpty()) {
        // One last try, so a brief outage at shutdown loses nothing.
        retryScheduled = true;
        replay();
        if (!pending.isEmpty()) {
          log.warn("room catalog: {} write(s) not stored at shutdown", pending.size());
        }
      }
    }
    retrier.shutdownNow();
    delegate.close();
  }
}
