package dev.symphony.load.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether {@code ./symphony} may skip its own rebuild: in {@code ./mvnw verify -Pload} the reactor
 * has just packaged the CLI, and a nested Maven build inside the measured run would only cost time.
 * When any main source is newer than the packaged jar, the launcher rebuilds as usual.
 */
final class SymphonyBuild {

  private static final List<String> SOURCE_ROOTS = List.of("runtime", "backends", "cli");

  private SymphonyBuild() {}

  static boolean isFresh(Path repoRoot) {
    Path jar = repoRoot.resolve("cli/target/symphony-cli.jar");
    if (!Files.exists(jar)) {
      return false;
    }
    try {
      FileTime built = Files.getLastModifiedTime(jar);
      for (String root : SOURCE_ROOTS) {
        Path dir = repoRoot.resolve(root);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(dir)) {
          boolean newer =
              files
                  .filter(p -> p.toString().contains("/src/main/") || p.endsWith("pom.xml"))
                  .filter(
                      p ->
                          !p.toString().contains("/target/")
                              && !p.toString().contains("/node_modules/"))
                  .filter(Files::isRegularFile)
                  .anyMatch(p -> isNewer(p, built));
          if (newer) {
            return false;
          }
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isNewer(Path p, FileTime than) {
    try {
      return Files.getLastModifiedTime(p).compareTo(than) > 0;
    } catch (IOException e) {
      return true;
    }
  }
}
