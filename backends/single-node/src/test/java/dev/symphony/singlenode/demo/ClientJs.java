package dev.symphony.singlenode.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.testing.BrowserTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The JavaScript client's npm package ({@code runtime/client-js}) for the tests that run its
 * scripts: finds it, installs its locked packages when missing ({@code npm ci}), runs {@code node}
 * and {@code npm} there. Without Node (or chromium, for the browser test) the test is skipped with
 * a clear message, except under {@code CI=true}, where it fails.
 */
final class ClientJs {

  /** What a command printed and how it ended. */
  record Result(int exitCode, String output) {}

  private ClientJs() {}

  static Path directory() {
    String root = System.getProperty("symphony.repo.root");
    Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
    return base.resolve("runtime/client-js");
  }

  /** Skips the test (fails it under CI=true) without node; runs npm ci once when needed. */
  static synchronized void requireNode() {
    Result version = run(List.of("node", "--version"), Map.of(), Duration.ofSeconds(30));
    if (version.exitCode() != 0) {
      skip("Node.js 20+ does not run (" + version.output().strip() + ")");
    }
    if (!Files.isDirectory(directory().resolve("node_modules/yjs"))
        || !Files.isDirectory(directory().resolve("node_modules/playwright-core"))) {
      Result install =
          run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(5));
      assertThat(install.exitCode())
          .as("npm ci in %s:\n%s", directory(), install.output())
          .isZero();
    }
  }

  /** Skips the test (fails it under CI=true) without chromium. */
  static Path requireChromium() {
    return BrowserTools.requireChromium("this test");
  }

  private static void skip(String problem) {
    String message = "cannot run this test: " + problem;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message + " - skipping");
  }

  /** Runs {@code command} in the package's folder with {@code environment} added. */
  static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
    Process process;
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(directory().toFile()).redirectErrorStream(true);
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command + ": " + e.getMessage());
    }
    BlockingQueue<String> lines = follow(process);
    try {
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        stop(process);
      }
      process.waitFor(10, TimeUnit.SECONDS);
      StringBuilder output = new StringBuilder();
      for (String line; (line = lines.poll(10, TimeUnit.SECONDS)) != null && !line.equals(END); ) {
        output.append(line).append('\n');
      }
      return ended
          ? new Result(process.exitValue(), output.toString())
          : new Result(-1, "timed out after " + timeout + ":\n" + output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(process);
      return new Result(-1, "interrupted");
    }
  }

  /** Marks the end of a process's output in the queue {@link #follow} fills. */
  static final String END = "<end of output>";

  /** The process's output, line by line, as it comes; {@link #END} after the last line. */
  static BlockingQueue<String> follow(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("(output lost: " + e + ")");
              }
              lines.add(END);
            });
    return lines;
  }

  /** Ends the process and everything it started (npm starts node, node starts chromium). */
  static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Waits for the line {@code expected}; fails with everything else printed meanwhile. */
  static void expect(BlockingQueue<String> lines, String expected, Duration timeout)
      throws InterruptedException {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line == null) {
        continue;
      }
      if (line.equals(END)) {
        break;
      }
      if (line.equals(expected)) {
        return;
      }
      seen.add(line);
    }
    throw new AssertionError(
        "the script never printed " + expected + "; it printed:\n" + String.join("\n", seen));
  }
}
