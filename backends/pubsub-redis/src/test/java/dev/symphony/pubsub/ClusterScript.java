package dev.symphony.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.testing.NodeScripts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scenario of {@code pubsub.mjs} (real Yjs clients) and does what its {@code STEP} lines ask
 * (kill a node, kill or restart Redis) while it runs.
 */
final class ClusterScript {

  /** What the test does when the script asks for a step. */
  interface Steps {
    void run(String step) throws Exception;
  }

  private ClusterScript() {}

  /** Runs the scenario; fails the test with the script's output unless it printed OK. */
  static String run(String scenario, String room, List<String> urls, Steps steps, Duration limit)
      throws Exception {
    NodeScripts.requireNode();
    List<String> command = new ArrayList<>(List.of("node", "pubsub.mjs", scenario, room));
    command.addAll(urls);
    Process process =
        new ProcessBuilder(command)
            .directory(NodeScripts.directory().toFile())
            .redirectErrorStream(true)
            .start();
    StringBuilder output = new StringBuilder();
    Thread watchdog =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                      process.destroyForcibly();
                    }
                  } catch (InterruptedException e) {
                    process.destroyForcibly();
                  }
                });
    try (var in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        output.append(line).append('\n');
        if (line.startsWith("STEP ")) {
          steps.run(line.substring("STEP ".length()).trim());
        }
      }
    } finally {
      process.waitFor(10, TimeUnit.SECONDS);
      process.destroyForcibly();
      watchdog.interrupt();
    }
    assertThat(output.toString()).as("scenario %s", scenario).contains("OK " + scenario);
    return output.toString().lines().filter(l -> l.startsWith("OK ")).findFirst().orElse("");
  }
}
