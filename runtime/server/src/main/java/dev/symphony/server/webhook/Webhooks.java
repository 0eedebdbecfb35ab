package dev.symphony.server.webhook;

import dev.symphony.server.room.RoomListener;
import dev.symphony.server.store.RoomCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks with at-least-once delivery. Rooms report to {@link #listener()} (and the catalog, as
 * wrapped by {@link #watch}, reports new rooms); each event is queued in memory, committed to the
 * {@code webhook_outbox} table by one writer thread, and only then sent by one dispatcher per
 * receiver URL, retried with backoff until the receiver answers 2xx. Rows left when the process
 * stops (or dies) are sent by the next start.
 */
public final class Webhooks implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

  /** How long closing waits for queued events to be committed. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final WebhookMetrics metrics;
  private final OutboxWriter writer;
  private final List<WebhookDispatcher> dispatchers;
  private final RoomEvents events;
  private final HttpClient http;
  private final OutboxCount inOutbox;
  private boolean closed;

  private Webhooks(
      WebhookMetrics metrics,
      OutboxWriter writer,
      List<WebhookDispatcher> dispatchers,
      RoomEvents events,
      HttpClient http,
      OutboxCount inOutbox) {
    this.metrics = metrics;
    this.writer = writer;
    this.dispatchers = dispatchers;
    this.events = events;
    this.http = http;
    this.inOutbox = inOutbox;
  }

  /**
   * Starts webhooks with their outbox in {@code catalog}'s database, or returns null when {@code
   * settings} has no URL.
   *
   * @throws IllegalArgumentException when webhooks are on but the catalog is not a SQL database
   */
  public static Webhooks startIfEnabled(
      WebhookSettings settings, RoomCatalog catalog, MeterRegistry registry) {
    if (!settings.enabled()) {
      return null;
    }
    DataSource dataSource =
        catalog
            .dataSource()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "webhooks keep their outbox in the room catalog's database; this catalog"
                            + " is not a SQL database"));
    return start(settings, dataSource, registry);
  }

  /**
   * Starts the writer and the dispatchers; the outbox table must exist (the catalog's migrations
   * create it). Rows a previous run left are delivered first.
   */
  public static Webhooks start(
      WebhookSettings settings, DataSource dataSource, MeterRegistry registry) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("no webhook URL configured");
    }
    Clock clock = Clock.systemUTC();
    WebhookOutbox outbox = new WebhookOutbox(dataSource);
    WebhookMetrics metrics = new WebhookMetrics(registry);
    List<URI> targets = settings.urls();
    try {
      for (URI target : targets) {
        long left = outbox.count(target);
        if (left > 0) {
          log.info("webhook {}: {} event(s) from before the restart to deliver", target, left);
        }
      }
      for (String orphan : outbox.orphanedTargets(targets)) {
        log.warn(
            "webhook outbox holds events for {}, which is no longer configured; they are kept,"
                + " and sent if that URL is configured again",
            orphan);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the webhook outbox: " + e.getMessage(), e);
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<WebhookDispatcher> dispatchers = new ArrayList<>();
    String holder = java.util.UUID.randomUUID().toString();
    for (URI target : targets) {
      dispatchers.add(
          new WebhookDispatcher(target, outbox, http, settings, metrics, clock, holder));
    }
    OutboxWriter writer =
        new OutboxWriter(
            outbox, targets, metrics, () -> dispatchers.forEach(WebhookDispatcher::wake));
    metrics.queueFrom(writer::queued);
    OutboxCount inOutbox = new OutboxCount(outbox, targets, clock);
    metrics.pendingFrom(() -> (long) writer.queued() * targets.size() + inOutbox.get());
    RoomEvents events = new RoomEvents(writer::add, settings.debounce(), clock);
    writer.start();
    dispatchers.forEach(WebhookDispatcher::start);
    log.info(
        "webhooks on: {} receiver(s), room.changed debounce {} ms",
        targets.size(),
        settings.debounce().toMillis());
    return new Webhooks(metrics, writer, dispatchers, events, http, inOutbox);
  }

  /** The listener to add to the server's rooms. */
  public RoomListener listener() {
    return events;
  }

  /** {@code catalog} as the rooms should use it, so that new rooms send {@code room.created}. */
  public RoomCatalog watch(RoomCatalog catalog) {
    return new CreationWatchingCatalog(catalog, events::created);
  }

  /** Deliveries not yet accepted by their receivers. */
  public long pending() {
    return (long) writer.queued() * dispatchers.size() + inOutbox.get();
  }

  /**
   * Commits every event raised so far (debounced changes included) and stops sending; what was not
   * delivered stays in the outbox for the next start. Close after the rooms, before the catalog.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    events.flushAll();
    writer.close(CLOSE_TIMEOUT);
    for (WebhookDispatcher dispatcher : dispatchers) {
      dispatcher.close(Duration.ofSeconds(5));
    }
    http.shutdownNow();
    long left = inOutbox.fresh();
    if (left > 0) {
      log.info("webhooks: {} delivery(ies) left in the outbox for the next start", left);
    }
  }
}
