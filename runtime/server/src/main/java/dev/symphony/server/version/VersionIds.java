package dev.symphony.server.version;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes version ids ({@link dev.symphony.server.store.VersionRecord#ID_PATTERN}): the creation time
 * to the millisecond plus a random suffix. Within this process each id's time is later than the
 * previous one's (bumped by a millisecond when the clock has not moved), so ids sort in the order
 * versions were taken and "the newest N" is well defined.
 */
final class VersionIds {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final AtomicLong lastMillis = new AtomicLong();

  /** A new id and the instant it stands for (which is the version's creation time). */
  record Next(String id, Instant created) {}

  Next next(Instant now) {
    long millis = lastMillis.updateAndGet(last -> Math.max(last + 1, now.toEpochMilli()));
    Instant created = Instant.ofEpochMilli(millis);
    String suffix = String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    return new Next(FORMAT.format(created) + "-" + suffix, created);
  }
}
