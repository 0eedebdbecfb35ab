package dev.symphony.server.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the stores work right now: each failing store with the reason and since when. While one
 * fails, {@code /readyz} says so (rooms keep serving from memory and retry their writes).
 */
public final class StorageHealth {

  private record Failure(String reason, Instant since) {}

  private final Map<String, Failure> failing = new ConcurrentHashMap<>();
  private final Clock clock;

  public StorageHealth(Clock clock) {
    this.clock = clock;
  }

  /** {@code store} failed; the first failure's time is kept. Returns whether it was fine before. */
  public boolean failed(String store, String reason) {
    boolean[] fresh = {false};
    failing.compute(
        store,
        (key, old) -> {
          if (old == null) {
            fresh[0] = true;
            return new Failure(reason, clock.instant());
          }
          return new Failure(reason, old.since());
        });
    return fresh[0];
  }

  /** {@code store} works again. Returns whether it was failing. */
  public boolean recovered(String store) {
    return failing.remove(store) != null;
  }

  /** Whether {@code store} is failing now. */
  public boolean isFailing(String store) {
    return failing.containsKey(store);
  }

  /** Null when every store works, else one line naming what fails and why. */
  public String problem() {
    if (failing.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    failing.forEach(
        (store, failure) -> {
          if (!text.isEmpty()) {
            text.append("; ");
          }
          text.append(store)
              .append(" failing since ")
              .append(failure.since())
              .append(": ")
              .append(failure.reason());
        });
    return text.toString();
  }
}
