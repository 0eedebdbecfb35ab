package dev.symphony.pubsub;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A cluster node in its own JVM ({@link ClusterNodeMain} on the test classpath), so a test can
 * SIGKILL it. Its output goes to a log file beside the test's other files.
 */
final class NodeProcess implements AutoCloseable {

  private final String nodeId;
  private final Process process;
  private final int port;

  private NodeProcess(String nodeId, Process process, int port) {
    this.nodeId = nodeId;
    this.process = process;
    this.port = port;
  }

  static NodeProcess start(String nodeId, String redisUri, Path documents, Path logs)
      throws Exception {
    return start(nodeId, redisUri, documents, logs, false);
  }

  /**
   * As above; {@code shortLeases}: 3 s leases, so takeovers and adoptions happen within seconds.
   */
  static NodeProcess start(
      String nodeId, String redisUri, Path documents, Path logs, boolean shortLeases)
      throws Exception {
    List<String> arguments =
        new java.util.ArrayList<>(List.of(redisUri, nodeId, documents.toString()));
    if (shortLeases) {
      arguments.add("short-leases");
    }
    Path log = logs.resolve(nodeId + ".log");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                ClusterNodeMain.class.getName()));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("node-output-" + nodeId)
        .start(
            () -> {
              try (var out = Files.newBufferedWriter(log);
                  var in =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("LISTENING ")) {
                    port.complete(Integer.parseInt(line.substring("LISTENING ".length())));
                  }
                  out.write(line);
                  out.newLine();
                  out.flush();
                }
              } catch (Exception e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IllegalStateException(nodeId + " exited; see " + log));
            });
    try {
      return new NodeProcess(nodeId, process, port.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("node " + nodeId + " did not start; see " + log, e);
    }
  }

  String url() {
    return "ws://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  String nodeId() {
    return nodeId;
  }

  /** SIGKILL: no checkpoint, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
