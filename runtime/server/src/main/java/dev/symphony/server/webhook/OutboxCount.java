package dev.symphony.server.webhook;

import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How many outbox rows wait for this process's receivers, counted in the database (so rows other
 * processes sharing it raised or delivered count too) at most every {@link #MAX_AGE}: a metrics
 * scrape never costs more than one indexed count per receiver.
 */
final class OutboxCount {

  static final Duration MAX_AGE = Duration.ofMillis(250);

  private final WebhookOutbox outbox;
  private final List<URI> targets;
  private final Clock clock;
  private Instant countedAt = Instant.MIN;
  private long count;

  OutboxCount(WebhookOutbox outbox, List<URI> targets, Clock clock) {
    this.outbox = outbox;
    this.targets = targets;
    this.clock = clock;
  }

  /** The count, at most {@link #MAX_AGE} old; the last one known while the database fails. */
  synchronized long get() {
    Instant now = clock.instant();
    if (Duration.between(countedAt, now).compareTo(MAX_AGE) >= 0) {
      try {
        count = countNow();
        countedAt = now;
      } catch (SQLException e) {
        // keep the last count: a scrape must not fail because the database does
      }
    }
    return count;
  }

  /** Counts now; -1 when the database does not answer. */
  synchronized long fresh() {
    try {
      count = countNow();
      countedAt = clock.instant();
      return count;
    } catch (SQLException e) {
      return -1;
    }
  }

  private long countNow() throws SQLException {
    long total = 0;
    for (URI target : targets) {
      total += outbox.count(target);
    }
    return total;
  }
}
