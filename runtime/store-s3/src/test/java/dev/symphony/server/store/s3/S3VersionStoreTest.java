package dev.symphony.server.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.server.store.VersionRecord;
import dev.symphony.server.store.VersionRecord.Trigger;
import dev.symphony.server.store.VersionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions in S3 (an S3Proxy server in-process): beside the snapshots, under the prefix. */
class S3VersionStoreTest {

  @TempDir static Path temp;

  private static S3ProxyServer s3;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyServer.start(Files.createDirectories(temp.resolve("s3")));
    s3.createBucket("versions");
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  static VersionRecord version(String id, String name, Trigger trigger) {
    return new VersionRecord(id, Instant.parse("2026-11-23T07:00:00Z"), name, 0, trigger);
  }

  @Test
  void savesListsNewestFirstLoadsAndDeletesVersions() throws Exception {
    try (S3DocumentStore store = S3DocumentStore.open(s3.settings("versions", "tenant/a"))) {
      VersionStore versions = store.versions();
      String older = "20261123T070000000Z-00000a";
      String newer = "20261123T070000001Z-00000b";
      byte[] big = new byte[2 * 1024 * 1024]; // larger than the header read of a listing
      new java.util.Random(3).nextBytes(big);
      versions.save("Docs/plan", version(older, "Draft ü", Trigger.MANUAL), big);
      versions.save("Docs/plan", version(newer, null, Trigger.IDLE), new byte[] {5});
      assertThat(versions.list("Docs/plan"))
          .extracting(
              VersionRecord::id, VersionRecord::name, VersionRecord::bytes, VersionRecord::trigger)
          .containsExactly(
              Tuple.tuple(newer, null, 1L, Trigger.IDLE),
              Tuple.tuple(older, "Draft ü", (long) big.length, Trigger.MANUAL));
      assertThat(versions.load("Docs/plan", older))
          .hasValueSatisfying(b -> assertThat(b).isEqualTo(big));
      assertThat(versions.load("Docs/plan", "20261123T070000002Z-00000c")).isEmpty();
      assertThat(versions.list("other")).isEmpty();
      assertThat(temp.resolve("s3/versions/tenant/a/versions/%44ocs%2Fplan")).isDirectory();

      assertThat(versions.delete("Docs/plan", newer)).isTrue();
      assertThat(versions.delete("Docs/plan", newer)).isFalse();
      assertThat(versions.list("Docs/plan")).extracting(VersionRecord::id).containsExactly(older);
      assertThatThrownBy(() -> versions.load("Docs/plan", "../x"))
          .hasMessageContaining("not a version id");
    }
  }

  @Test
  void deletingARoomDeletesItsVersionsToo() throws Exception {
    try (S3DocumentStore store = S3DocumentStore.open(s3.settings("versions", "gone"))) {
      store.save("room", new byte[] {1});
      store
          .versions()
          .save(
              "room", version("20261123T070000000Z-000001", null, Trigger.MANUAL), new byte[] {2});
      store
          .versions()
          .save(
              "keep", version("20261123T070000000Z-000002", null, Trigger.MANUAL), new byte[] {3});
      store.delete("room");
      assertThat(store.load("room")).isEmpty();
      assertThat(store.versions().list("room")).isEmpty();
      assertThat(store.versions().list("keep")).hasSize(1); // other rooms keep theirs
    }
  }
}
