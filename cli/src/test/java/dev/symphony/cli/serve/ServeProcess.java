package dev.symphony.cli.serve;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code symphony serve} in a child JVM, as the launcher runs it, stopped with SIGTERM. Its output
 * goes to a file, which survives the process and is read whole.
 */
final class ServeProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on (ws://[^/\\s]+)/");

  private final Process process;
  private final Path log;

  private ServeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ServeProcess start(Path dataDir, String... extraArguments) throws IOException {
    return start(List.of(), dataDir, extraArguments);
  }

  /** As {@link #start(Path, String...)}, with options for the child JVM (e.g. to start faster). */
  static ServeProcess start(List<String> jvmOptions, Path dataDir, String... extraArguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(mainClassPath());
    command.add("dev.symphony.cli.SymphonyCli");
    command.add("serve");
    command.add("--port=0");
    command.add("--data-dir=" + dataDir);
    command.addAll(List.of(extraArguments));
    Path log = Files.createTempFile("symphony-serve", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("SYMPHONY_"));
    return new ServeProcess(builder.start(), log);
  }

  /**
   * The class path of the tests without the test folders and test jars: what the distribution has,
   * so the child logs with the real logback.xml.
   */
  private static String mainClassPath() {
    String full =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(full.split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Waits for the banner and returns the server URL ({@code ws://host:port}). */
  String awaitListening() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(output());
      if (m.find()) {
        return m.group(1);
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve did not start; output:\n" + output());
  }

  /** Sends SIGTERM and waits for the process to end; returns its exit code. */
  int terminate(Duration timeout) throws InterruptedException {
    process.destroy(); // SIGTERM on Unix
    return awaitExit(timeout);
  }

  /** SIGKILL, as a crash or power cut would end it: no shutdown hook, nothing flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("serve survived SIGKILL for 30 s");
    }
  }

  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("serve did not exit; output:\n" + output());
    }
    return process.exitValue();
  }

  /** The serve process, to find its children. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  /** Everything printed so far (stdout and stderr). */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    Files.deleteIfExists(log);
  }
}
