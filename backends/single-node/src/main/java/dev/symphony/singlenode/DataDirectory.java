package dev.symphony.singlenode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder where single-node keeps its embedded storage (document snapshots, the catalog
 * database, the update log). Checked once at start-up so a bad path stops the server with one clear
 * line instead of failing at the first checkpoint.
 */
public record DataDirectory(Path root) {

  /** Creates the folder when missing and proves it is writable. */
  public static DataDirectory prepare(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new IllegalArgumentException("data directory " + absolute + " is a file, not a folder");
    }
    try {
      Files.createDirectories(absolute);
      Path probe = Files.createTempFile(absolute, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "data directory " + absolute + " is not writable: " + e.getMessage(), e);
    }
    return new DataDirectory(absolute);
  }

  public Path documents() {
    return root.resolve("documents");
  }

  public Path catalog() {
    return root.resolve("catalog");
  }

  public Path updateLog() {
    return root.resolve("log");
  }
}
