package dev.symphony.singlenode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

  @TempDir Path temp;

  @Test
  void missingFoldersAreCreated() {
    DataDirectory dir = DataDirectory.prepare(temp.resolve("a/b/data"));
    assertThat(dir.root()).isDirectory().isAbsolute();
    assertThat(dir.documents()).hasParentRaw(dir.root());
    try (var files = Files.list(dir.root())) {
      assertThat(files).as("the write probe is cleaned up").isEmpty();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aFileInsteadOfAFolderIsRefusedClearly() throws Exception {
    Path file = Files.writeString(temp.resolve("data"), "x");
    assertThatThrownBy(() -> DataDirectory.prepare(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a file, not a folder");
  }
}
