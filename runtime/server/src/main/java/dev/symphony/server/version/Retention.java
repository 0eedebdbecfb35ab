package dev.symphony.server.version;

import dev.symphony.server.store.VersionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which versions a policy removes: those beyond the newest {@code keepLast} (when set) and those
 * older than {@code keepFor} (when set). Either rule alone removes a version; with neither set
 * nothing is ever removed.
 */
final class Retention {

  private Retention() {}

  /**
   * @param newestFirst the room's versions, newest first
   * @return the versions to delete, a subset of {@code newestFirst}
   */
  static List<VersionRecord> expired(
      List<VersionRecord> newestFirst, Instant now, VersionPolicy policy) {
    Instant oldestKept = policy.keepFor().isZero() ? null : now.minus(policy.keepFor());
    List<VersionRecord> expired = new ArrayList<>();
    for (int i = 0; i < newestFirst.size(); i++) {
      VersionRecord version = newestFirst.get(i);
      boolean tooMany = policy.keepLast() > 0 && i >= policy.keepLast();
      boolean tooOld = oldestKept != null && version.created().isBefore(oldestKept);
      if (tooMany || tooOld) {
        expired.add(version);
      }
    }
    return expired;
  }
}
