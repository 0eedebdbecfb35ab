package dev.symphony.yjs.interop;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the shared data folder are, seen from a test JVM. */
final class TestPaths {
  private TestPaths() {}

  private static boolean usable(String value) {
    return value != null && !value.isBlank() && !value.contains("${");
  }

  /**
   * The repository root: system property {@code symphony.repo.root} (set by the build), else the
   * nearest folder at or above the working directory that contains {@code runtime/}.
   */
  static Path repositoryRoot() {
    String configured = System.getProperty("symphony.repo.root");
    if (usable(configured) && Files.isDirectory(Path.of(configured).resolve("runtime"))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("runtime")) && Files.isDirectory(p.resolve("runtime/yjs"))) {
        return p;
      }
    }
    throw new AssertionError(
        "cannot find the repository root (a folder with runtime/yjs) above " + start);
  }

  /**
   * The shared data folder: system property {@code symphony.data.dir}, env {@code
   * SYMPHONY_DATA_DIR}, else {@code ../shared/data} beside the repository root.
   */
  static Path dataDir() {
    String prop = System.getProperty("symphony.data.dir");
    if (usable(prop)) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    String env = System.getenv("SYMPHONY_DATA_DIR");
    if (usable(env)) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    return repositoryRoot().resolve("../shared/data").normalize();
  }
}
