package dev.symphony.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDocumentStoreTest {

  @TempDir Path temp;

  @Test
  void aSavedSnapshotLoadsBackAndReplacesTheOldOne() throws Exception {
    FileDocumentStore store = new FileDocumentStore(temp.resolve("documents"));
    assertThat(store.load("r")).isEmpty();

    store.save("r", new byte[] {1, 2, 3});
    store.save("r", new byte[] {4, 5});

    assertThat(store.load("r")).contains(new byte[] {4, 5});
    assertThat(store.fileOf("r")).hasFileName("r.ydoc").exists();
    try (var files = Files.list(store.folder())) {
      assertThat(files).as("no temp file is left behind").containsExactly(store.fileOf("r"));
    }
  }

  @Test
  void roomsWithAwkwardIdsAreKeptApart() throws Exception {
    FileDocumentStore store = new FileDocumentStore(temp);
    store.save("a/b", new byte[] {1});
    store.save("a%2Fb", new byte[] {2});
    store.save("A/B", new byte[] {3});

    assertThat(store.load("a/b")).contains(new byte[] {1});
    assertThat(store.load("a%2Fb")).contains(new byte[] {2});
    assertThat(store.load("A/B")).contains(new byte[] {3});
  }

  @Test
  void deleteRemovesTheSnapshot() throws Exception {
    FileDocumentStore store = new FileDocumentStore(temp);
    store.save("r", new byte[] {1});
    store.delete("r");
    store.delete("never-saved");
    assertThat(store.load("r")).isEmpty();
  }

  @Test
  void aTempFileLeftByACrashIsCleanedUpAndTheOldSnapshotKept() throws Exception {
    FileDocumentStore first = new FileDocumentStore(temp);
    first.save("r", new byte[] {7});
    Path torn = temp.resolve("r.ydoc#tmp-123abc");
    Files.write(torn, new byte[] {9, 9});
    Path lookalike = temp.resolve("a.tmp-b.ydoc");
    Files.write(lookalike, new byte[] {1});

    FileDocumentStore restarted = new FileDocumentStore(temp);

    assertThat(torn).doesNotExist();
    assertThat(lookalike).as("a room whose id merely looks like a temp name").exists();
    assertThat(restarted.load("r")).contains(new byte[] {7});
  }
}
