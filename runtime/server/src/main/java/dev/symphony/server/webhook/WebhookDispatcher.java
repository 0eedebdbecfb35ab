package dev.symphony.server.webhook;

import dev.symphony.server.store.Backoff;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one receiver's outbox rows, oldest first, one request at a time: a row is retried with
 * exponential backoff until the receiver answers 2xx, and only then deleted and the next one sent.
 * That keeps each room's events in order at the receiver, at the price of one slow or failing
 * receiver holding back only its own events (each URL has its own dispatcher).
 *
 * <p>Processes that share the catalog database take turns through a lease per URL ({@code
 * webhook_lease}): only the holder sends, renewing it as it goes; a holder that dies is replaced
 * once its lease runs out ({@link #LEASE}).
 */
final class WebhookDispatcher {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** Rows read from the outbox per query. */
  private static final int PAGE = 100;

  /** How long an idle dispatcher waits before looking at the outbox again on its own. */
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** How long a lease lasts unless renewed; renewed after a third of it. */
  static final Duration LEASE = Duration.ofSeconds(10);

  private final URI target;
  private final WebhookOutbox outbox;
  private final HttpClient http;
  private final WebhookSignature signature;
  private final WebhookMetrics metrics;
  private final WebhookSettings settings;
  private final Clock clock;
  private final String holder;
  private java.time.Instant leaseRenewedAt; // null while another process holds the lease
  private boolean leaseUnknown = true; // for logging changes of hands only
  private final Object signal = new Object();
  private final Thread thread;
  private boolean woken;
  private volatile boolean closed;

  WebhookDispatcher(
      URI target,
      WebhookOutbox outbox,
      HttpClient http,
      WebhookSettings settings,
      WebhookMetrics metrics,
      Clock clock,
      String holder) {
    this.target = target;
    this.holder = holder;
    this.outbox = outbox;
    this.http = http;
    this.signature = new WebhookSignature(settings.secret());
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.thread =
        Thread.ofPlatform()
            .name("symphony-webhook-" + target.getHost() + ":" + target.getPort())
            .daemon()
            .unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** New rows were committed: look at the outbox now rather than at the next poll. */
  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /** Stops after the current attempt; rows not delivered stay in the outbox for the next start. */
  void close(Duration timeout) {
    closed = true;
    thread.interrupt();
    try {
      thread.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      outbox.release(target, holder);
    } catch (SQLException e) {
      log.debug("webhook lease of {} not released: {}", target, e.toString());
    }
  }

  /** Whether this process may send {@code target}'s rows now; renews the lease when due. */
  private boolean holdLease() {
    java.time.Instant now = clock.instant();
    if (leaseRenewedAt != null
        && Duration.between(leaseRenewedAt, now).compareTo(LEASE.dividedBy(3)) < 0) {
      return true;
    }
    boolean held;
    try {
      held = outbox.lease(target, holder, now, now.plus(LEASE));
    } catch (SQLException e) {
      log.warn("webhook lease of {} unavailable: {}", target, e.toString());
      held = false;
    }
    if (held != (leaseRenewedAt != null) || leaseUnknown) {
      log.info(
          held
              ? "webhook {}: this process delivers its events"
              : "webhook {}: another process delivers its events; waiting for its lease",
          target);
      leaseUnknown = false;
    }
    leaseRenewedAt = held ? now : null;
    return held;
  }

  private void run() {
    Backoff backoff = new Backoff(settings.retryInitial(), settings.retryMax());
    try {
      while (!closed) {
        if (!holdLease()) {
          Thread.sleep(LEASE.dividedBy(3));
          continue;
        }
        List<WebhookOutbox.Pending> rows;
        try {
          rows = outbox.pending(target, PAGE);
        } catch (SQLException e) {
          Duration delay = backoff.next();
          log.warn(
              "webhook outbox unreadable for {}, retrying in {} ms: {}",
              target,
              delay.toMillis(),
              e.toString());
          Thread.sleep(delay);
          continue;
        }
        if (rows.isEmpty()) {
          awaitWake();
          continue;
        }
        for (WebhookOutbox.Pending row : rows) {
          if (!deliver(row, backoff)) {
            break; // the lease went to another process
          }
        }
      }
    } catch (InterruptedException e) {
      // closed: what is left stays in the outbox
    }
  }

  private void awaitWake() throws InterruptedException {
    synchronized (signal) {
      if (!woken) {
        signal.wait(IDLE_POLL.toMillis());
      }
      woken = false;
    }
  }

  /**
   * Sends {@code row} until its receiver takes it (true), or until this process loses the lease
   * (false); throws when closed.
   */
  private boolean deliver(WebhookOutbox.Pending row, Backoff backoff) throws InterruptedException {
    byte[] body = row.body().getBytes(StandardCharsets.UTF_8);
    String signed = signature.sign(body);
    int attempt = 0;
    while (true) {
      if (!holdLease()) {
        return false;
      }
      attempt++;
      String problem = attempt(row, body, signed, attempt);
      if (problem == null) {
        if (attempt > 1) {
          log.info(
              "webhook {} delivered event {} after {} attempts", target, row.eventId(), attempt);
        }
        backoff.reset();
        forget(row);
        return true;
      }
      Duration delay = backoff.next();
      if (attempt == 1) {
        log.warn(
            "webhook {} failed for event {} ({}): {}; retrying in {} ms",
            target,
            row.eventId(),
            row.type(),
            problem,
            delay.toMillis());
      } else {
        log.debug("webhook {} attempt {} failed: {}", target, attempt, problem);
      }
      if (!waitHoldingLease(delay)) {
        return false;
      }
    }
  }

  /** Sleeps {@code delay}, renewing the lease on the way; false when it went to another process. */
  private boolean waitHoldingLease(Duration delay) throws InterruptedException {
    long end = System.nanoTime() + delay.toNanos();
    long step = LEASE.dividedBy(3).toNanos();
    for (long left = delay.toNanos(); left > 0; left = end - System.nanoTime()) {
      java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.min(left, step));
      if (!holdLease()) {
        return false;
      }
    }
    return true;
  }

  /** One POST; null when the receiver answered 2xx, else what went wrong. */
  private String attempt(WebhookOutbox.Pending row, byte[] body, String signed, int attempt)
      throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Symphony-Webhooks")
            .header("Symphony-Event-Id", row.eventId())
            .header("Symphony-Event-Type", row.type())
            .header("Symphony-Delivery-Attempt", Integer.toString(attempt))
            .header(WebhookSignature.HEADER, signed)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        return null;
      }
      metrics.failed(WebhookMetrics.Failure.STATUS);
      return "answered HTTP " + response.statusCode();
    } catch (ConnectException e) {
      metrics.failed(WebhookMetrics.Failure.REFUSED);
      return "connection refused";
    } catch (HttpTimeoutException e) {
      metrics.failed(WebhookMetrics.Failure.TIMEOUT);
      return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
    } catch (IOException e) {
      metrics.failed(WebhookMetrics.Failure.ERROR);
      return e.toString();
    }
  }

  /**
   * Deletes the delivered row. Should that fail, the row stays and is sent again later: a duplicate
   * under the same event id, which at-least-once allows, rather than a lost event.
   */
  private void forget(WebhookOutbox.Pending row) {
    try {
      outbox.delete(row.seq());
      metrics.delivered(Duration.between(row.createdAt(), clock.instant()));
    } catch (SQLException e) {
      log.warn(
          "webhook outbox: delivered event {} could not be deleted; it will be sent again: {}",
          row.eventId(),
          e.toString());
    }
  }
}
