package dev.symphony.crdtbench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code crdt-bench/node/run.mjs} (yjs and friends in Node) on the same benchmarks, right
 * after the JVM engines, and reads its columns back.
 */
final class NodeRunner {

  private final Path nodeDir;
  private final Path dataDir;

  NodeRunner(Path nodeDir, Path dataDir) {
    this.nodeDir = nodeDir;
    this.dataDir = dataDir;
  }

  /** Why Node cannot run here, or empty when it can. */
  Optional<String> unavailable() {
    if (!Files.isRegularFile(nodeDir.resolve("run.mjs"))) {
      return Optional.of("no Node runner at " + nodeDir);
    }
    if (!Files.isDirectory(nodeDir.resolve("node_modules/yjs"))) {
      return Optional.of("Node runner not installed: run `npm ci` in " + nodeDir);
    }
    try {
      Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor() == 0 ? Optional.empty() : Optional.of("`node --version` failed");
    } catch (IOException e) {
      return Optional.of("node is not on the PATH");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  NodeOutput run(List<String> engines, List<String> scenarioIds, int rounds, Path outFile)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.addAll(List.of("node", "--expose-gc", "run.mjs"));
    command.addAll(List.of("--engines", String.join(",", engines)));
    command.addAll(List.of("--benchmarks", String.join(",", scenarioIds)));
    command.addAll(List.of("--rounds", Integer.toString(rounds)));
    command.addAll(List.of("--data-dir", dataDir.toString()));
    command.addAll(List.of("--out", outFile.toString()));
    Process process = new ProcessBuilder(command).directory(nodeDir.toFile()).inheritIO().start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IOException("Node runner failed with exit code " + exit);
    }
    ObjectMapper mapper =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    return mapper.readValue(outFile.toFile(), NodeOutput.class);
  }

  /** The shape run.mjs writes. */
  record NodeOutput(String node, List<EngineResults> engines) {}
}
