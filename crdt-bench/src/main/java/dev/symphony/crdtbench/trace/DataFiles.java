package dev.symphony.crdtbench.trace;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared editing traces, which are read in place and never copied into the project:
 * system property {@code symphony.data.dir}, else environment {@code SYMPHONY_DATA_DIR}, else
 * {@code ../shared/data} beside the repository root.
 */
public final class DataFiles {

  public static final String SOURCE_NOTE =
      "the editing traces come from the public josephg/editing-traces repository"
          + " (https://github.com/josephg/editing-traces); put them in ../shared/data beside the"
          + " repository or point -Dsymphony.data.dir / SYMPHONY_DATA_DIR at them";

  private DataFiles() {}

  public static Path dataDir() {
    String property = System.getProperty("symphony.data.dir");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    String env = System.getenv("SYMPHONY_DATA_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    return RepositoryRoot.find().resolve("../shared/data").toAbsolutePath().normalize();
  }

  /** The trace file, or {@link TraceUnavailableException} saying where it was looked for. */
  public static Path trace(String fileName) {
    Path file = dataDir().resolve(fileName);
    if (!Files.isReadable(file)) {
      throw new TraceUnavailableException("editing trace " + file + " not found: " + SOURCE_NOTE);
    }
    return file;
  }
}
