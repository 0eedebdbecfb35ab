package dev.symphony.server.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3DocumentStoreTest {

  @TempDir static Path temp;

  private static S3ProxyServer s3;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyServer.start(Files.createDirectories(temp.resolve("s3")));
    s3.createBucket("docs");
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  @Test
  void savesLoadsReplacesAndDeletesSnapshots() throws Exception {
    try (S3DocumentStore store = S3DocumentStore.open(s3.settings("docs", "symphony/test"))) {
      assertThat(store.load("notes")).isEmpty();
      store.save("notes", new byte[] {1, 2, 3});
      assertThat(store.load("notes"))
          .hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
      store.save("notes", new byte[] {4});
      assertThat(store.load("notes")).hasValueSatisfying(b -> assertThat(b).containsExactly(4));
      store.delete("notes");
      assertThat(store.load("notes")).isEmpty();
      store.delete("notes"); // deleting what is gone is fine
    }
  }

  @Test
  void roomIdsBecomeSafeKeysUnderThePrefix() throws Exception {
    try (S3DocumentStore store = S3DocumentStore.open(s3.settings("docs", "/tenant-a/"))) {
      assertThat(store.key("Docs/plan")).isEqualTo("tenant-a/%44ocs%2Fplan.ydoc");
      byte[] big = new byte[3 * 1024 * 1024];
      new java.util.Random(7).nextBytes(big);
      store.save("Docs/plan", big);
      assertThat(store.load("Docs/plan")).hasValueSatisfying(b -> assertThat(b).isEqualTo(big));
      assertThat(temp.resolve("s3/docs/tenant-a")).isDirectory();
    }
  }

  @Test
  void aMissingBucketStopsStartUpWithOneLine() {
    assertThatThrownBy(() -> S3DocumentStore.open(s3.settings("no-such-bucket", "")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bucket 'no-such-bucket' does not exist at " + s3.endpoint());
  }

  @Test
  void anUnreachableEndpointFailsCallsQuickly() throws Exception {
    S3ProxyServer other = S3ProxyServer.start(Files.createDirectories(temp.resolve("other")));
    other.createBucket("docs");
    try (S3DocumentStore store =
        S3DocumentStore.open(other.settings("docs", "").withCallTimeout(Duration.ofSeconds(5)))) {
      other.pause();
      assertThatThrownBy(() -> store.save("notes", new byte[] {1}))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("writing the snapshot of room notes in s3://docs failed");
      other.resume();
      store.save("notes", new byte[] {1});
      assertThat(store.load("notes")).isPresent();
    } finally {
      other.close();
    }
  }

  @Test
  void locationsParse() {
    assertThat(S3Location.parse("s3://bucket/a/b/")).isEqualTo(new S3Location("bucket", "a/b"));
    assertThat(S3Location.parse("s3://bucket")).isEqualTo(new S3Location("bucket", ""));
    assertThat(S3Location.parse("s3://bucket/p").toString()).isEqualTo("s3://bucket/p");
    assertThatThrownBy(() -> S3Location.parse("gs://bucket"))
        .hasMessageContaining("expected s3://");
    assertThatThrownBy(() -> S3Location.parse("s3:///x")).hasMessageContaining("no bucket");
  }
}
