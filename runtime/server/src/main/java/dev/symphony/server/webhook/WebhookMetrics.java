package dev.symphony.server.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The webhook meters: deliveries still owed ({@code symphony_webhook_pending}), the time from an
 * event to its receiver's 2xx ({@code symphony_webhook_delivery_latency_seconds}), deliveries done
 * ({@code symphony_webhook_delivered_total}), failed attempts by reason ({@code
 * symphony_webhook_failures_total}) and events not yet committed to the outbox ({@code
 * symphony_webhook_queued}: what a crash right now would lose).
 */
final class WebhookMetrics {

  /** Why an attempt failed, as the {@code reason} tag. */
  enum Failure {
    REFUSED("refused"),
    TIMEOUT("timeout"),
    STATUS("status"),
    ERROR("error");

    final String tag;

    Failure(String tag) {
      this.tag = tag;
    }
  }

  private final MeterRegistry registry;
  private final Timer latency;
  private final Counter delivered;
  private final ConcurrentMap<Failure, Counter> failures = new ConcurrentHashMap<>();

  WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
    latency =
        Timer.builder("symphony.webhook.delivery.latency")
            .description("time from an event to its receiver's 2xx answer, retries included")
            .register(registry);
    delivered =
        Counter.builder("symphony.webhook.delivered")
            .description("webhook deliveries a receiver accepted")
            .register(registry);
  }

  /** Reports the events waiting for the outbox writer. */
  void queueFrom(java.util.function.IntSupplier queued) {
    Gauge.builder("symphony.webhook.queued", queued, q -> q.getAsInt())
        .description("webhook events raised but not yet committed to the outbox")
        .strongReference(true) // the supplier is a method reference nothing else holds
        .register(registry);
  }

  /**
   * Reports the deliveries not yet accepted: queued here or waiting in the outbox (from any process
   * sharing it).
   */
  void pendingFrom(java.util.function.LongSupplier pending) {
    Gauge.builder("symphony.webhook.pending", pending, p -> p.getAsLong())
        .description(
            "webhook deliveries not yet accepted by their receiver (queued or in the outbox)")
        .strongReference(true)
        .register(registry);
  }

  void delivered(Duration sinceEvent) {
    delivered.increment();
    latency.record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
  }

  void failed(Failure reason) {
    failures
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("symphony.webhook.failures")
                    .description("webhook delivery attempts that failed (each retry counts)")
                    .tag("reason", r.tag)
                    .register(registry))
        .increment();
  }
}
