package dev.symphony.load.user;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the epoch. Stamps must compare across JVMs (the 20,000-user
 * run uses several load generators on one machine), so this is the system clock, not nanoTime.
 */
@FunctionalInterface
public interface MicroClock {

  MicroClock SYSTEM =
      () -> {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
      };

  long nowMicros();
}
