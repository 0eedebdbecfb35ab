package dev.symphony.load.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process the orchestrator started (a server, Redis, a Gatling JVM): output goes to a log
 * file, and {@link #close} stops it and everything it started, so nothing outlives the run.
 */
public final class ManagedProcess implements AutoCloseable {

  /** Every process still running, stopped by a shutdown hook if the orchestrator is killed. */
  private static final java.util.Set<ManagedProcess> LIVE =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> List.copyOf(LIVE).forEach(ManagedProcess::close), "stop-children"));
  }

  private final String name;
  private final Process process;
  private final Path log;

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} in {@code dir}, pinned to {@code cpus} when that is non-null. */
  public static ManagedProcess start(
      String name, List<String> command, Path dir, Map<String, String> env, Path log, Cpus cpus)
      throws IOException {
    List<String> full = new ArrayList<>(cpus.pin(command));
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Files.writeString(log, "$ " + String.join(" ", full) + "\n");
    ManagedProcess started = new ManagedProcess(name, builder.start(), log);
    LIVE.add(started);
    return started;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end; empty when it is still running at the deadline. */
  public java.util.OptionalInt waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        ? java.util.OptionalInt.of(process.exitValue())
        : java.util.OptionalInt.empty();
  }

  /**
   * Waits until something accepts TCP connections on 127.0.0.1:{@code port}; fails early when the
   * process exits first, quoting the end of its log.
   */
  public void awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            name + " exited with status " + process.exitValue() + " before listening; " + tail());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IOException(name + " did not listen on port " + port + " within " + timeout);
  }

  /** The last lines of the log, for error messages. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return "last lines of "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  /** Asks the process tree to stop (SIGTERM), then kills what is left after ten seconds. */
  @Override
  public void close() {
    LIVE.remove(this);
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ProcessHandle h : tree) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }

  /** A port nobody listens on right now (the OS picks it). */
  public static int freePort() throws IOException {
    return freePorts(1).get(0);
  }

  /**
   * {@code n} different ports nobody listens on right now. They are held open together while the OS
   * picks them: asked one at a time while the processes meant for them are still starting, the OS
   * may hand out a port twice (it happened: two pubsub-redis nodes got the same port, one died with
   * "Address already in use", and the other took every user).
   */
  public static List<Integer> freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket();
        held.add(s);
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", 0));
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  /**
   * Waits until each process listens on its port, then checks that all of them still run: a port
   * answers for whoever holds it, so a process that lost its port to another shows only as dead.
   */
  public static void awaitAll(List<ManagedProcess> processes, List<Integer> ports, Duration timeout)
      throws IOException, InterruptedException {
    if (new java.util.HashSet<>(ports).size() != ports.size()) {
      throw new IllegalArgumentException("two processes were given the same port: " + ports);
    }
    for (int i = 0; i < processes.size(); i++) {
      processes.get(i).awaitPort(ports.get(i), timeout);
    }
    for (ManagedProcess p : processes) {
      if (!p.isAlive()) {
        throw new IOException(p.name + " exited after its port opened; " + p.tail());
      }
    }
  }
}
