package dev.symphony.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.server.store.VersionRecord.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileVersionStoreTest {

  @TempDir Path temp;

  static VersionRecord version(String id, String name) {
    return new VersionRecord(id, Instant.parse("2026-11-23T07:00:00Z"), name, 0, Trigger.MANUAL);
  }

  @Test
  void versionsLiveBesideSnapshotsSurviveReopeningAndGoWithTheRoom() throws Exception {
    FileDocumentStore store = new FileDocumentStore(temp);
    store.save("Room/1", new byte[] {9});
    String older = "20261123T070000000Z-000001";
    String newer = "20261123T070000001Z-000002";
    store.versions().save("Room/1", version(older, "line\none \"quoted\""), new byte[] {1, 2});
    store.versions().save("Room/1", version(newer, null), new byte[] {3});
    assertThatThrownBy(() -> store.versions().save("Room/1", version(newer, null), new byte[] {4}))
        .hasMessageContaining("exists already");

    FileDocumentStore reopened = new FileDocumentStore(temp);
    assertThat(reopened.versions().list("Room/1"))
        .extracting(VersionRecord::id, VersionRecord::name, VersionRecord::bytes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(newer, null, 1L),
            org.assertj.core.groups.Tuple.tuple(older, "line\none \"quoted\"", 2L));
    assertThat(reopened.versions().load("Room/1", older)).hasValue(new byte[] {1, 2});
    assertThat(reopened.versions().load("Room/1", "20261123T070000002Z-000003")).isEmpty();
    assertThat(reopened.load("Room/1")).hasValue(new byte[] {9}); // snapshots unaffected
    assertThat(reopened.versions().folderOf("Room/1"))
        .isEqualTo(temp.resolve("versions/%52oom%2F1"));

    assertThat(reopened.versions().delete("Room/1", older)).isTrue();
    assertThat(reopened.versions().delete("Room/1", older)).isFalse();
    reopened.delete("Room/1");
    assertThat(reopened.versions().list("Room/1")).isEmpty();
    assertThat(Files.exists(reopened.versions().folderOf("Room/1"))).isFalse();
  }

  @Test
  void idsThatAreNotVersionIdsNeverReachTheFileSystem() throws Exception {
    FileDocumentStore store = new FileDocumentStore(temp);
    assertThatThrownBy(() -> store.versions().load("r", "../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a version id");
  }
}
