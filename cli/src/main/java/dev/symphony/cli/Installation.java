package dev.symphony.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where this Symphony checkout is: the folder holding the {@code symphony} launcher, {@code
 * terraform/} and {@code dashboards/}. Found from {@code SYMPHONY_HOME}, else from the location of
 * the running classes ({@code <root>/cli/target/symphony-cli.jar} or {@code
 * <root>/cli/target/classes}).
 */
public final class Installation {

  /** Environment variable naming the checkout explicitly. */
  public static final String HOME_ENV = "SYMPHONY_HOME";

  private Installation() {}

  /** The checkout's root folder, when it can be found. */
  public static Optional<Path> root(Map<String, String> environment) {
    String home = environment.get(HOME_ENV);
    if (home != null && !home.isBlank()) {
      return Optional.of(Path.of(home.strip()).toAbsolutePath().normalize());
    }
    try {
      Path code =
          Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // <root>/cli/target/symphony-cli.jar or <root>/cli/target/classes: three levels up.
      Path root = code.getParent() == null ? null : code.getParent().getParent();
      root = root == null ? null : root.getParent();
      if (root != null && Files.isDirectory(root.resolve("cli"))) {
        return Optional.of(root.toAbsolutePath().normalize());
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // no code source (e.g. a custom class loader): unknown
    }
    return Optional.empty();
  }

  /** How to run the launcher in instructions: its absolute path, or plain {@code symphony}. */
  public static String launcherCommand(Map<String, String> environment) {
    return root(environment)
        .map(root -> root.resolve("symphony"))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .orElse("symphony");
  }
}
