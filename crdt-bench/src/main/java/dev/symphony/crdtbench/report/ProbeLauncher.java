package dev.symphony.crdtbench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts {@link MemoryProbe} steps in child JVMs with a fixed, pre-touched heap: with {@code -Xms
 * == -Xmx} and {@code -XX:+AlwaysPreTouch} the heap is resident from the start, so RSS growth is
 * native memory only.
 */
final class ProbeLauncher {

  private final String heap;
  private final List<String> systemProperties;

  ProbeLauncher(String heap, List<String> systemProperties) {
    this.heap = heap;
    this.systemProperties = systemProperties;
  }

  /** Returns updateSize, docSize and memUsed (bytes); throws when a step fails. */
  Map<String, Long> measure(String engineId, String scenarioId) {
    try {
      Path encoded = Files.createTempFile("crdt-bench-" + engineId + "-", ".bin");
      try {
        Map<String, Long> values =
            new HashMap<>(run("produce", engineId, scenarioId, encoded.toString()));
        values.putAll(run("measure", engineId, encoded.toString()));
        return values;
      } finally {
        Files.deleteIfExists(encoded);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, Long> run(String... stepArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms" + heap);
    command.add("-Xmx" + heap);
    command.add("-XX:+AlwaysPreTouch");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(systemProperties);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MemoryProbe.class.getName());
    command.addAll(List.of(stepArgs));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Map<String, Long> values = new HashMap<>();
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith(MemoryProbe.PREFIX)) {
          String[] parts = line.substring(MemoryProbe.PREFIX.length()).split(" ");
          values.put(parts[0], Long.parseLong(parts[1]));
        } else {
          output.append(line).append('\n');
        }
      }
    }
    try {
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            "memory probe "
                + String.join(" ", stepArgs)
                + " failed (exit "
                + exit
                + "):\n"
                + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return values;
  }
}
