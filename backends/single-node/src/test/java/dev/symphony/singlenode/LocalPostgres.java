package dev.symphony.singlenode;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server owned by one test: initdb in a temp folder, pg_ctl start/stop on a free port
 * (never the shared service). Stopping and starting it again is how tests make the catalog
 * unreachable. Runs the server as user {@code postgres} when the tests run as root.
 */
final class LocalPostgres implements AutoCloseable {

  private final Path bin;
  private final Path folder;
  private final int port;
  private final boolean asPostgresUser;

  private LocalPostgres(Path bin, Path folder, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.folder = folder;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The newest installed PostgreSQL's binaries, or null when none is installed. */
  static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
          .max(Comparator.comparing(bin -> bin.getParent().getFileName().toString()))
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  static LocalPostgres start() throws Exception {
    Path bin = binaries();
    if (bin == null) {
      throw new IllegalStateException("no PostgreSQL under /usr/lib/postgresql");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    // Under /tmp: the postgres user must be able to reach the folder.
    Path folder = Files.createTempDirectory("symphony-test-pg-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    LocalPostgres postgres = new LocalPostgres(bin, folder, port, root);
    if (root) {
      postgres.run(List.of("chown", "postgres", folder.toString()), false);
    }
    postgres.run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            folder.resolve("data").toString(),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync"),
        true);
    postgres.resume();
    return postgres;
  }

  String url() {
    return "postgres://postgres@127.0.0.1:" + port + "/postgres";
  }

  /** Stops the server: connections are refused until {@link #resume()}. */
  void pause() throws Exception {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            folder.resolve("data").toString(),
            "-m",
            "immediate",
            "-w",
            "stop"),
        true);
  }

  void resume() throws Exception {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            folder.resolve("data").toString(),
            "-l",
            folder.resolve("log").toString(),
            "-o",
            "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off",
            "-w",
            "start"),
        true);
  }

  private void run(List<String> command, boolean asServerUser) throws Exception {
    List<String> full = new ArrayList<>();
    if (asServerUser && asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      pause();
    } catch (Exception ignored) {
      // Already stopped.
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
