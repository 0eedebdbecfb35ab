package dev.symphony.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the Node side of the interop tests ({@code runtime/server/src/test/node}): real {@code yjs}
 * and {@code y-websocket} clients. Without Node the tests are skipped with a clear message, except
 * in CI ({@code CI=true}), where a missing Node fails them. Installs the locked npm packages
 * ({@code npm ci}) when {@code node_modules} is missing.
 */
public final class NodeScripts {

  /** What a script printed and how it ended. */
  public record Result(int exitCode, String output) {
    /** Fails with the script's own output when it did not succeed. */
    public Result assertSucceeded() {
      assertThat(exitCode).as("node script failed:\n%s", output).isZero();
      return this;
    }
  }

  private static volatile boolean ready;

  private NodeScripts() {}

  /** The folder with package.json and the scripts. */
  public static Path directory() {
    String root = System.getProperty("symphony.repo.root");
    Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
    return base.resolve("runtime/server/src/test/node");
  }

  /** Skips the calling test (fails it in CI) without Node; installs the packages once. */
  public static synchronized void requireNode() {
    if (ready) {
      return;
    }
    Result version;
    try {
      version = exec(List.of("node", "--version"), directory(), Duration.ofSeconds(30));
    } catch (IOException e) {
      version = new Result(-1, e.getMessage());
    }
    if (version.exitCode() != 0) {
      String message =
          "Node.js is needed for the interop tests with real Yjs clients but `node` does not run ("
              + version.output().strip()
              + "); install Node 18+";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message + " - skipping");
    }
    if (!Files.isDirectory(directory().resolve("node_modules"))) {
      try {
        exec(List.of("npm", "ci", "--no-audit", "--no-fund"), directory(), Duration.ofMinutes(5))
            .assertSucceeded();
      } catch (IOException e) {
        throw new AssertionError("npm ci failed in " + directory(), e);
      }
    }
    ready = true;
  }

  /** Runs {@code node <arguments>} in the scripts folder. */
  public static Result node(Duration timeout, String... arguments) {
    requireNode();
    List<String> command = new ArrayList<>();
    command.add("node");
    command.addAll(List.of(arguments));
    try {
      return exec(command, directory(), timeout);
    } catch (IOException e) {
      throw new AssertionError("could not run " + command, e);
    }
  }

  private static Result exec(List<String> command, Path directory, Duration timeout)
      throws IOException {
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return new Result(-1, "timed out after " + timeout + ":\n" + output.getNow(""));
      }
      return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted", e);
    } catch (Exception e) {
      return new Result(process.exitValue(), "(output lost: " + e + ")");
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output lost: " + e + ")";
    }
  }
}
