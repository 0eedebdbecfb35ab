package dev.symphony.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * {@code symphony_update_log_flush_seconds} and {@code symphony_update_log_queued}. Registered at
 * start whether or not the process has an update log (a process without one shows an empty queue
 * and no flushes); the log reports through {@link #flushed} and {@link #queueFrom}.
 */
public final class UpdateLogMetrics {

  private final Timer flush;
  private volatile IntSupplier queued = () -> 0;

  UpdateLogMetrics(MeterRegistry registry) {
    flush =
        MicrometerRuntimeMetrics.timer(
            registry,
            "symphony.update.log.flush",
            "time of one update-log sync (group commit)",
            Duration.ofNanos(100_000),
            Duration.ofSeconds(10));
    Gauge.builder("symphony.update.log.queued", this, metrics -> metrics.queued.getAsInt())
        .description("updates handed to the log and not yet durable")
        .register(registry);
  }

  /** One sync of the log took {@code nanos}. */
  public void flushed(long nanos) {
    flush.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Where the gauge reads the number of updates not yet durable. */
  public void queueFrom(IntSupplier queued) {
    this.queued = queued;
  }
}
