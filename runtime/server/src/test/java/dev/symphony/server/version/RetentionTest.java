package dev.symphony.server.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.store.VersionRecord;
import dev.symphony.server.store.VersionRecord.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  /** Versions one day apart, newest (0 days old) first. */
  static List<VersionRecord> daily(int count) {
    VersionIds ids = new VersionIds();
    List<VersionRecord> versions = new ArrayList<>();
    for (int age = count - 1; age >= 0; age--) {
      VersionIds.Next next = ids.next(NOW.minus(Duration.ofDays(age)));
      versions.add(0, new VersionRecord(next.id(), next.created(), null, 1, Trigger.IDLE));
    }
    return versions;
  }

  @Test
  void keepLastRemovesAllButTheNewest() {
    List<VersionRecord> versions = daily(5);
    VersionPolicy policy = VersionPolicy.manualOnly().withKeepLast(2);
    assertThat(Retention.expired(versions, NOW, policy)).isEqualTo(versions.subList(2, 5));
    assertThat(Retention.expired(versions.subList(0, 2), NOW, policy)).isEmpty();
  }

  @Test
  void keepForRemovesOnlyWhatIsOlder() {
    List<VersionRecord> versions = daily(5); // 0, 1, 2, 3, 4 days old
    VersionPolicy policy = VersionPolicy.manualOnly().withKeepFor(Duration.ofDays(2));
    // Exactly 2 days old is not older than 2 days: kept.
    assertThat(Retention.expired(versions, NOW, policy)).isEqualTo(versions.subList(3, 5));
  }

  @Test
  void eitherRuleRemovesAndNoRuleKeepsEverything() {
    List<VersionRecord> versions = daily(5);
    assertThat(
            Retention.expired(
                versions,
                NOW,
                VersionPolicy.manualOnly().withKeepLast(4).withKeepFor(Duration.ofHours(36))))
        .isEqualTo(versions.subList(2, 5));
    assertThat(Retention.expired(versions, NOW, VersionPolicy.manualOnly())).isEmpty();
  }

  @Test
  void idsSortInTheOrderVersionsWereTakenEvenWithinOneMillisecond() {
    VersionIds ids = new VersionIds();
    String first = ids.next(NOW).id();
    String second = ids.next(NOW).id();
    assertThat(second).isGreaterThan(first);
    assertThat(VersionRecord.isValidId(first)).isTrue();
  }
}
