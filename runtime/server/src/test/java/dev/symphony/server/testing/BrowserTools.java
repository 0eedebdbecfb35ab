package dev.symphony.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the browser tests need: Debian's chromium ({@code CHROMIUM_BIN} overrides its path), Node.js
 * with npm, and the locked {@code playwright-core} of the scripts' folder. A missing tool skips the
 * calling test with a message, except in CI ({@code CI=true}), where it fails it.
 */
public final class BrowserTools {

  private BrowserTools() {}

  /** Chromium's path; skips (fails in CI) when it is not there. */
  public static Path requireChromium(String test) {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    if (!Files.isExecutable(chromium)) {
      unavailable(test, "chromium is not installed at " + chromium + " (apt-get install chromium)");
    }
    return chromium;
  }

  /**
   * Chromium, node and npm, and {@code npm ci} in {@code scripts} when its playwright-core is not
   * installed yet; skips (fails in CI) when a tool is missing.
   */
  public static void require(String test, Path scripts) throws InterruptedException {
    requireChromium(test);
    if (!runs(List.of("node", "--version"), Path.of("."))) {
      unavailable(test, "node does not run (install Node.js 18+)");
    }
    if (!runs(List.of("npm", "--version"), Path.of("."))) {
      unavailable(test, "npm does not run (install Node.js 18+ with npm)");
    }
    if (!Files.isDirectory(scripts.resolve("node_modules/playwright-core"))
        && !runs(List.of("npm", "ci", "--no-audit", "--no-fund"), scripts)) {
      throw new AssertionError("npm ci failed in " + scripts);
    }
  }

  private static void unavailable(String test, String problem) {
    String message = test + " cannot run: " + problem;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message + " - skipping");
  }

  private static boolean runs(List<String> command, Path directory) throws InterruptedException {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
