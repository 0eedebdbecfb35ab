package dev.symphony.pubsub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A test-owned {@code redis-server} on a free port (never the shared one), without persistence: a
 * restart loses everything, the hardest case for the nodes. Killed with SIGKILL when asked.
 */
final class RedisProcess implements AutoCloseable {

  private final int port;
  private final Path log;
  private Process process;

  private RedisProcess(int port, Path log) {
    this.port = port;
    this.log = log;
  }

  static RedisProcess start(Path log) throws Exception {
    RedisProcess redis = new RedisProcess(freePort(), log);
    redis.restart();
    return redis;
  }

  int port() {
    return port;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts it (again) on the same port and waits until it answers PING. */
  void restart() throws Exception {
    process =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!answers()) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException("redis-server did not start; see " + log);
      }
      Thread.sleep(50);
    }
  }

  /** Closes every pub/sub client's connection, as Redis does to one over its buffer limit. */
  void dropSubscribers() throws Exception {
    Process cli =
        new ProcessBuilder(
                "redis-cli", "-p", Integer.toString(port), "CLIENT", "KILL", "TYPE", "pubsub")
            .redirectErrorStream(true)
            .start();
    if (!cli.waitFor(10, TimeUnit.SECONDS) || cli.exitValue() != 0) {
      cli.destroyForcibly();
      throw new IllegalStateException("redis-cli CLIENT KILL failed");
    }
  }

  /** Runs one command with redis-cli and returns its answer. */
  String cli(String... command) throws Exception {
    java.util.List<String> line =
        new java.util.ArrayList<>(java.util.List.of("redis-cli", "-p", Integer.toString(port)));
    line.addAll(java.util.List.of(command));
    Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
    String answer = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!cli.waitFor(10, TimeUnit.SECONDS) || cli.exitValue() != 0) {
      cli.destroyForcibly();
      throw new IllegalStateException("redis-cli " + command[0] + " failed: " + answer);
    }
    return answer;
  }

  /** SIGKILL: no goodbye to the clients. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] reply = new byte[7];
      return socket.getInputStream().read(reply) > 0
          && new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      kill();
    }
  }
}
