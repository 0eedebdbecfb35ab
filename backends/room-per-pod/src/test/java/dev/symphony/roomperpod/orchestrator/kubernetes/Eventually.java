package dev.symphony.roomperpod.orchestrator.kubernetes;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls what a cluster (or the orchestrator) does in the background until it has happened. */
final class Eventually {

  static final Duration WAIT = Duration.ofSeconds(20);

  private Eventually() {}

  static <T> T eventually(Supplier<T> value, Predicate<T> done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      T current = value.get();
      if (done.test(current)) {
        return current;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("still not as expected after " + WAIT + ": " + current);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  static void eventually(BooleanSupplier condition) {
    eventually(condition::getAsBoolean, Boolean::booleanValue);
  }
}
