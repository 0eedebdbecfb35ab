package dev.symphony.cli.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an external program (terraform, gcloud) in a given environment, either streaming its output
 * line by line to a writer or capturing it.
 */
final class ProcessRunner {

  /** How a captured run ended. */
  record Captured(int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  private final Map<String, String> environment;

  ProcessRunner(Map<String, String> environment) {
    this.environment = environment;
  }

  /**
   * Runs to the end, copying stdout and stderr to {@code out} as they come; returns the exit code.
   */
  int stream(List<String> command, PrintWriter out) throws IOException, InterruptedException {
    Process process = start(command);
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        out.println(line);
        out.flush();
      }
      return process.waitFor();
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** Runs with a time limit, keeping stdout (stderr is discarded); exit code -1 on timeout. */
  Captured capture(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder = builder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return process.getInputStream().readAllBytes();
              } catch (IOException e) {
                return new byte[0];
              }
            });
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return new Captured(-1, "");
      }
      byte[] bytes = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Captured(process.exitValue(), new String(bytes, StandardCharsets.UTF_8));
    } catch (ExecutionException | TimeoutException e) {
      return new Captured(-1, "");
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private Process start(List<String> command) throws IOException {
    Process process = builder(command).redirectErrorStream(true).start();
    process.getOutputStream().close(); // nothing is typed into them: they run with -input=false
    return process;
  }

  private ProcessBuilder builder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    return builder;
  }
}
