package dev.symphony.server.webhook;

import dev.symphony.server.store.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the rooms into the outbox: rooms {@link #add} without blocking, one thread
 * inserts whatever has gathered in one transaction, then wakes the dispatchers. While the database
 * refuses, the batch is kept and retried with backoff; later events queue behind it in order.
 */
final class OutboxWriter {

  private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);

  /** Most events one transaction carries. */
  private static final int BATCH = 500;

  private static final WebhookEvent STOP = new WebhookEvent("", "", "", null, "");

  private final WebhookOutbox outbox;
  private final List<URI> targets;
  private final WebhookMetrics metrics;
  private final Runnable committed;
  private final LinkedBlockingQueue<WebhookEvent> queue = new LinkedBlockingQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger uncommitted =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Thread thread;
  private volatile boolean stopping;

  OutboxWriter(
      WebhookOutbox outbox, List<URI> targets, WebhookMetrics metrics, Runnable committed) {
    this.outbox = outbox;
    this.targets = targets;
    this.metrics = metrics;
    this.committed = committed;
    this.thread = Thread.ofPlatform().name("symphony-webhook-writer").daemon().unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Queues an event; never blocks. Events added after {@link #close} are logged and dropped. */
  void add(WebhookEvent event) {
    if (stopping) {
      log.warn(
          "webhook event {} for room={} after shutdown; not sent", event.type(), event.roomId());
      return;
    }
    uncommitted.incrementAndGet();
    queue.add(event);
  }

  /** Events added but not yet committed (queued or in the transaction under way). */
  int queued() {
    return uncommitted.get();
  }

  private void run() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));
    List<WebhookEvent> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop || !batch.isEmpty()) {
      if (batch.isEmpty()) {
        try {
          batch.add(queue.take());
        } catch (InterruptedException e) {
          return;
        }
        queue.drainTo(batch, BATCH - 1);
        if (batch.removeIf(event -> event == STOP)) {
          stop = true;
          queue.drainTo(batch);
          if (batch.isEmpty()) {
            break;
          }
        }
      }
      try {
        outbox.insert(batch, targets);
        uncommitted.addAndGet(-batch.size());
        batch.clear();
        backoff.reset();
        committed.run();
      } catch (Exception e) {
        Duration delay = backoff.next();
        log.warn(
            "webhook outbox: storing {} event(s) failed, retrying in {} ms: {}",
            batch.size(),
            delay.toMillis(),
            e.toString());
        try {
          Thread.sleep(delay);
        } catch (InterruptedException interrupted) {
          log.error("webhook outbox: {} event(s) not stored at shutdown", batch.size());
          return;
        }
      }
    }
  }

  /** Commits what was added before this call (at most {@code timeout}), then stops. */
  void close(Duration timeout) {
    stopping = true;
    queue.add(STOP);
    try {
      if (!thread.join(timeout)) {
        log.error("webhook outbox: {} event(s) not stored within {}", queue.size(), timeout);
        thread.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
