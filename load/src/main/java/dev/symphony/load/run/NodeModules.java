package dev.symphony.load.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Installs the competitors' npm packages (exact versions from package-lock.json) once. */
final class NodeModules {

  private NodeModules() {}

  static synchronized void ensureInstalled(Path nodeDir, Path workDir)
      throws IOException, InterruptedException {
    if (Files.isDirectory(nodeDir.resolve("node_modules/@y/websocket-server"))
        && Files.isDirectory(nodeDir.resolve("node_modules/@hocuspocus/server"))) {
      return;
    }
    try (ManagedProcess npm =
        ManagedProcess.start(
            "npm ci",
            List.of("npm", "ci", "--no-audit", "--no-fund"),
            nodeDir,
            Map.of(),
            workDir.resolve("npm-ci.log"),
            Cpus.ANY)) {
      var status = npm.waitFor(Duration.ofMinutes(5));
      if (status.isEmpty() || status.getAsInt() != 0) {
        throw new IOException("npm ci failed in " + nodeDir + "; " + npm.tail());
      }
    }
  }
}
