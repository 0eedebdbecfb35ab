package dev.symphony.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.testing.BrowserTools;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The starter project end to end, as its README says to run it: {@code symphony compose demo},
 * {@code npm install}, {@code symphony serve --config symphony.properties} in the project folder (a
 * child JVM), {@code npm start} (the project's esbuild dev server), then two headless chromium
 * windows (Debian's chromium driven by playwright-core from {@code src/test/browser}) that must
 * share the list and see each other. Needs the npm registry for {@code npm install}. Skipped
 * without node, npm or chromium (a failure under CI=true).
 */
class ComposeBrowserTest {

  private static final Path SCRIPTS = Path.of("src/test/browser").toAbsolutePath();
  private static final Pattern LISTENING = Pattern.compile("listening on (ws://[^/\\s]+)/");
  private static final Pattern READY = Pattern.compile("ready: open (http://\\S+/)");

  @TempDir Path temp;

  private final List<Process> processes = new ArrayList<>();

  @Test
  void twoBrowsersShareTheStarterPageThroughSymphonyServe() throws Exception {
    BrowserTools.require("the compose browser test", SCRIPTS);
    assertThat(
            new CommandLine(new ComposeCommand(Map.of()))
                .execute("demo", "--directory", temp.toString()))
        .isZero();
    Path project = temp.resolve("demo");
    run(List.of("npm", "install", "--no-audit", "--no-fund"), project, Map.of());
    try {
      Background serve =
          background(
              project,
              Map.of(),
              javaCommand("serve", "--config", "symphony.properties", "--port", "0"));
      String ws = serve.await(LISTENING);
      Background page =
          background(
              project, Map.of("PORT", String.valueOf(freePort())), List.of("node", "serve.mjs"));
      String pageUrl = page.await(READY);

      String output = run(List.of("node", "compose.mjs", pageUrl, ws, "demo"), SCRIPTS, Map.of());
      assertThat(output).contains("SYNCED items=[\"bread (bob)\"]");

      // As the README promises: stop and start serve, the list is still there (in ./data).
      serve.process().destroy(); // SIGTERM: serve stores its rooms and exits
      assertThat(serve.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(project.resolve("data")).isDirectory();
      Background again =
          background(
              project,
              Map.of(),
              javaCommand("serve", "--config", "symphony.properties", "--port", "0"));
      String reloaded =
          run(
              List.of("node", "compose.mjs", pageUrl, again.await(LISTENING), "demo", "--reopen"),
              SCRIPTS,
              Map.of());
      assertThat(reloaded).contains("REOPENED items=[\"bread (bob)\"]");
    } finally {
      for (Process process : processes) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** A long-running child whose output goes to a file. */
  private record Background(Process process, Path log) {
    String await(Pattern pattern) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        Matcher m = pattern.matcher(output());
        if (m.find()) {
          return m.group(1);
        }
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(100);
      }
      throw new AssertionError("never printed " + pattern + "; output:\n" + output());
    }

    String output() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    }
  }

  private Background background(Path directory, Map<String, String> env, List<String> command)
      throws IOException {
    Path log = Files.createTempFile(temp, "child", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("SYMPHONY_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    processes.add(process);
    return new Background(process, log);
  }

  /** Runs to the end (5 minutes at most); fails with the output unless it exits 0. */
  private String run(List<String> command, Path directory, Map<String, String> env)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(temp, "run", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      boolean ended = process.waitFor(5, TimeUnit.MINUTES);
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(ended).as("%s timed out:\n%s", command, output).isTrue();
      assertThat(process.exitValue()).as("%s failed:\n%s", command, output).isZero();
      return output;
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** {@code symphony <arguments>} in a child JVM with the distribution's class path. */
  private static List<String> javaCommand(String... arguments) {
    String full =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String classPath =
        Arrays.stream(full.split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-cp", classPath, "dev.symphony.cli.SymphonyCli"));
    command.addAll(List.of(arguments));
    return command;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
