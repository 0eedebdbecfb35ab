package dev.symphony.server.version;

import java.time.Duration;

/**
 * When versions are taken automatically and how long they are kept.
 *
 * @param onIdle take a version when a room's last connection leaves (if it changed since the last
 *     version)
 * @param interval while a room keeps changing, take a version at most this often; zero: never
 * @param keepLast keep at most this many versions per room (the newest); zero: no count limit
 * @param keepFor delete versions older than this; zero: no age limit
 */
public record VersionPolicy(boolean onIdle, Duration interval, int keepLast, Duration keepFor) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
  public static final int DEFAULT_KEEP_LAST = 100;

  public VersionPolicy {
    if (interval == null || interval.isNegative()) {
      throw new IllegalArgumentException("version interval must be zero (off) or positive");
    }
    if (keepLast < 0) {
      throw new IllegalArgumentException("versions to keep must be zero (no limit) or more");
    }
    if (keepFor == null || keepFor.isNegative()) {
      throw new IllegalArgumentException("version age limit must be zero (none) or positive");
    }
  }

  /** Idle versions on, one every 10 minutes of activity, the last 100 kept, no age limit. */
  public static VersionPolicy defaults() {
    return new VersionPolicy(true, DEFAULT_INTERVAL, DEFAULT_KEEP_LAST, Duration.ZERO);
  }

  /** No automatic versions and no retention: versions only on request, kept until deleted. */
  public static VersionPolicy manualOnly() {
    return new VersionPolicy(false, Duration.ZERO, 0, Duration.ZERO);
  }

  public VersionPolicy withOnIdle(boolean value) {
    return new VersionPolicy(value, interval, keepLast, keepFor);
  }

  public VersionPolicy withInterval(Duration value) {
    return new VersionPolicy(onIdle, value, keepLast, keepFor);
  }

  public VersionPolicy withKeepLast(int value) {
    return new VersionPolicy(onIdle, interval, value, keepFor);
  }

  public VersionPolicy withKeepFor(Duration value) {
    return new VersionPolicy(onIdle, interval, keepLast, value);
  }
}
