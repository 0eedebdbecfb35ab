package dev.symphony.crdtbench.trace;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the Symphony repository root (the directory holding {@code mvnw} and {@code crdt-bench}).
 */
public final class RepositoryRoot {

  private RepositoryRoot() {}

  public static Path find() {
    String property = System.getProperty("symphony.repo.root");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))
          && Files.isDirectory(dir.resolve("crdt-bench"))) {
        return dir;
      }
    }
    return start;
  }
}
