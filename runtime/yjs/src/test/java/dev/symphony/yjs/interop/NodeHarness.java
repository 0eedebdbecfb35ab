package dev.symphony.yjs.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the reference scripts in {@code runtime/yjs/src/test/node} with the real {@code yjs} npm
 * package.
 *
 * <p>Finds {@code node} (system property {@code symphony.node}, env {@code SYMPHONY_NODE}, else the
 * {@code PATH}), installs the locked npm packages with {@code npm ci} when {@code node_modules} is
 * missing or stale, runs scripts with time limits and keeps long-lived filter processes (one
 * request line in, one response line out). Without Node.js the interop tests fail when {@code
 * CI=true} and are skipped otherwise.
 */
public final class NodeHarness {
  private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
  private static final int MIN_NODE_MAJOR = 18;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static NodeHarness instance;

  private final Path node;
  private final String nodeVersion;
  private final Path nodeDir;

  private NodeHarness(Path node, String nodeVersion, Path nodeDir) {
    this.node = node;
    this.nodeVersion = nodeVersion;
    this.nodeDir = nodeDir;
  }

  /**
   * The harness, ready to run scripts: node found, npm packages installed. Fails (CI) or aborts the
   * calling test (elsewhere) when Node.js is not available.
   */
  public static synchronized NodeHarness get() {
    if (instance == null) {
      instance = create();
    }
    return instance;
  }

  public Path nodeDir() {
    return nodeDir;
  }

  public Path node() {
    return node;
  }

  public String nodeVersion() {
    return nodeVersion;
  }

  static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Fails under CI=true, otherwise aborts (skips) the current test, with the same message. */
  static void unavailable(String message) {
    if (isCi()) {
      fail(message + " (CI=true, so this is a failure rather than a skip)");
    }
    Assumptions.abort(message);
  }

  // ---------------------------------------------------------------------------------------------
  // set-up

  private static NodeHarness create() {
    Path nodeDir = locateNodeDir();
    Path node = findNode();
    if (node == null) {
      unavailable(
          "Node.js (>= "
              + MIN_NODE_MAJOR
              + ", 20 recommended) with npm is needed for the Yjs interoperability tests but was"
              + " not found on the PATH. Install it (https://nodejs.org/, or e.g. `apt-get install"
              + " nodejs npm`, `brew install node`), or point -Dsymphony.node / SYMPHONY_NODE at the"
              + " node executable. The tests run the scripts in "
              + nodeDir);
    }
    String version = runSmall(List.of(node.toString(), "--version"), nodeDir).trim();
    int major = parseMajor(version);
    if (major < MIN_NODE_MAJOR) {
      unavailable(
          "Node.js "
              + version
              + " at "
              + node
              + " is too old for the Yjs interoperability tests; install Node.js 20 (>= "
              + MIN_NODE_MAJOR
              + ").");
    }
    NodeHarness harness = new NodeHarness(node, version, nodeDir);
    harness.ensureInstalled();
    return harness;
  }

  private static int parseMajor(String version) {
    String v = version.startsWith("v") ? version.substring(1) : version;
    int dot = v.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code runtime/yjs/src/test/node}, found from the working directory or the repository root. */
  static Path locateNodeDir() {
    Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path direct = cwd.resolve("src/test/node");
    if (Files.isRegularFile(direct.resolve("check.mjs"))) {
      return direct;
    }
    Path root = TestPaths.repositoryRoot();
    Path viaRoot = root.resolve("runtime/yjs/src/test/node");
    if (Files.isRegularFile(viaRoot.resolve("check.mjs"))) {
      return viaRoot;
    }
    throw new AssertionError(
        "cannot find runtime/yjs/src/test/node (with check.mjs) from " + cwd + " or " + root);
  }

  private static Path findNode() {
    for (String configured :
        new String[] {System.getProperty("symphony.node"), System.getenv("SYMPHONY_NODE")}) {
      if (configured != null && !configured.isBlank() && !configured.startsWith("${")) {
        Path p = Path.of(configured);
        if (Files.isExecutable(p)) {
          return p;
        }
        throw new AssertionError(
            "symphony.node / SYMPHONY_NODE points at " + p + ", not a program");
      }
    }
    return onPath(windows() ? List.of("node.exe", "node.cmd") : List.of("node", "nodejs"));
  }

  private Path findNpm() {
    List<String> names = windows() ? List.of("npm.cmd", "npm.exe", "npm") : List.of("npm");
    Path parent = node.toAbsolutePath().getParent();
    if (parent != null) {
      for (String name : names) {
        Path candidate = parent.resolve(name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return onPath(names);
  }

  private static boolean windows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
  }

  private static Path onPath(List<String> names) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      for (String name : names) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /**
   * Runs {@code npm ci} when node_modules lacks a package of the lock file or holds another version
   * of it. A file lock keeps parallel test JVMs from installing at the same time.
   */
  @SuppressWarnings("try") // the lock is held by the try block, not used in it
  private void ensureInstalled() {
    if (installedMatchesLock()) {
      return;
    }
    Path lockFile =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "symphony-npm-ci-" + Integer.toHexString(nodeDir.toString().hashCode()) + ".lock");
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      if (installedMatchesLock()) {
        return; // another JVM installed meanwhile
      }
      Path npm = findNpm();
      if (npm == null) {
        unavailable(
            "Node.js was found ("
                + node
                + ") but npm was not; the Yjs interoperability tests need npm once to install the"
                + " locked packages: run `npm ci` in "
                + nodeDir);
      }
      List<String> cmd =
          List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--loglevel=warn");
      System.out.println("[interop] " + String.join(" ", cmd) + "  (in " + nodeDir + ")");
      StringBuilder log = new StringBuilder();
      int exit =
          runLogged(
              cmd,
              nodeDir,
              NPM_CI_TIMEOUT,
              line -> {
                System.out.println("[npm] " + line);
                log.append(line).append('\n');
              });
      if (exit != 0 || !installedMatchesLock()) {
        unavailable(
            "`npm ci` in "
                + nodeDir
                + " failed (exit "
                + exit
                + "); the Yjs interoperability tests need the packages of package-lock.json."
                + " Output:\n"
                + tail(log.toString(), 4000));
      }
    } catch (IOException e) {
      throw new AssertionError("cannot lock " + lockFile + " for npm ci", e);
    }
  }

  private boolean installedMatchesLock() {
    try {
      JsonNode lock = MAPPER.readTree(nodeDir.resolve("package-lock.json").toFile());
      JsonNode packages = lock.path("packages");
      JsonNode deps = packages.path("").path("dependencies");
      for (var it = deps.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        String want = packages.path("node_modules/" + name).path("version").asText(null);
        Path installed = nodeDir.resolve("node_modules").resolve(name).resolve("package.json");
        if (want == null || !Files.isRegularFile(installed)) {
          return false;
        }
        String have = MAPPER.readTree(installed.toFile()).path("version").asText("");
        if (!want.equals(have)) {
          return false;
        }
      }
      return deps.size() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // running scripts

  /** Result of a finished script. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code node <script> <args>} in the node folder and returns its output; fails with the
   * command, exit code and stderr when it exits non-zero or runs past the timeout.
   */
  public Result runScript(Duration timeout, String script, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(node.toString());
    cmd.add(script);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(nodeDir.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError("cannot start " + String.join(" ", cmd), e);
    }
    try { // stdin unused
      p.getOutputStream().close();
    } catch (IOException ignored) {
      // nothing to close
    }
    Collector out = Collector.start(p.getInputStream(), "stdout", Integer.MAX_VALUE);
    Collector err = Collector.start(p.getErrorStream(), "stderr", 64 * 1024);
    boolean done;
    try {
      done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + String.join(" ", cmd), e);
    }
    if (!done) {
      kill(p);
      throw new AssertionError(
          "timed out after "
              + timeout.toSeconds()
              + " s: "
              + describe(cmd)
              + "\nstderr (tail):\n"
              + err.text());
    }
    Result result = new Result(p.exitValue(), out.text(), err.text());
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "exit code "
              + result.exitCode()
              + ": "
              + describe(cmd)
              + "\nstderr (tail):\n"
              + tail(result.stderr(), 8000));
    }
    return result;
  }

  private String describe(List<String> cmd) {
    return String.join(" ", cmd) + "  (in " + nodeDir + ")";
  }

  /** Starts a long-lived line-oriented filter process, e.g. check.mjs. */
  public Service startService(String script, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(node.toString());
    cmd.add(script);
    cmd.addAll(List.of(args));
    return new Service(cmd, nodeDir);
  }

  private static String runSmall(List<String> cmd, Path dir) {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      Collector out = Collector.start(p.getInputStream(), "out", 64 * 1024);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        kill(p);
        throw new AssertionError("timed out: " + String.join(" ", cmd));
      }
      out.join();
      if (p.exitValue() != 0) {
        throw new AssertionError(
            "exit code " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + out.text());
      }
      return out.text();
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", cmd), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + String.join(" ", cmd), e);
    }
  }

  private static int runLogged(
      List<String> cmd, Path dir, Duration timeout, Consumer<String> lineSink) {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      Thread pump =
          Thread.ofPlatform()
              .daemon()
              .name("npm-output")
              .start(
                  () -> {
                    try (BufferedReader r =
                        new BufferedReader(
                            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                      for (String line; (line = r.readLine()) != null; ) {
                        lineSink.accept(line);
                      }
                    } catch (IOException ignored) {
                      // process went away
                    }
                  });
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
        lineSink.accept("(timed out after " + timeout.toSeconds() + " s)");
        return -1;
      }
      pump.join(5000);
      return p.exitValue();
    } catch (IOException e) {
      lineSink.accept("cannot start " + String.join(" ", cmd) + ": " + e);
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String tail(String s, int max) {
    return s.length() <= max ? s : "..." + s.substring(s.length() - max);
  }

  /** Drains a stream on a daemon thread, keeping at most {@code limit} trailing characters. */
  static final class Collector {
    private final StringBuilder buf = new StringBuilder();
    private final int limit;
    private Thread thread;

    private Collector(int limit) {
      this.limit = limit;
    }

    static Collector start(InputStream in, String name, int limit) {
      Collector c = new Collector(limit);
      c.thread =
          Thread.ofPlatform()
              .daemon()
              .name("node-" + name)
              .start(
                  () -> {
                    try (var r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                      char[] chunk = new char[8192];
                      for (int n; (n = r.read(chunk)) >= 0; ) {
                        synchronized (c) {
                          c.buf.append(chunk, 0, n);
                          if (c.buf.length() > c.limit * 2L) {
                            c.buf.delete(0, c.buf.length() - c.limit);
                          }
                        }
                      }
                    } catch (IOException ignored) {
                      // process went away
                    }
                  });
      return c;
    }

    void join() {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    String text() {
      join();
      synchronized (this) {
        return buf.length() > limit ? buf.substring(buf.length() - limit) : buf.toString();
      }
    }

    /** Current content without waiting for the stream to end. */
    synchronized String snapshot() {
      return buf.length() > limit ? buf.substring(buf.length() - limit) : buf.toString();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // long-lived filter process

  /**
   * A node process that answers each stdin line with one stdout line, in order. Restarted on the
   * next request after it died or was killed for a timeout.
   */
  public static final class Service implements AutoCloseable {
    private static final Object EOF = new Object();

    private final List<String> command;
    private final Path dir;
    private Process process;
    private BufferedWriter stdin;
    private LinkedBlockingQueue<Object> lines;
    private Collector stderr;
    private int starts;

    Service(List<String> command, Path dir) {
      this.command = List.copyOf(command);
      this.dir = dir;
    }

    private void ensureStarted() {
      if (process != null && process.isAlive()) {
        return;
      }
      if (starts++ > 20) {
        throw new AssertionError("gave up restarting " + String.join(" ", command));
      }
      try {
        process = new ProcessBuilder(command).directory(dir.toFile()).start();
      } catch (IOException e) {
        throw new AssertionError("cannot start " + String.join(" ", command), e);
      }
      stdin =
          new BufferedWriter(
              new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
      LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
      lines = queue;
      Process p = process;
      Thread.ofPlatform()
          .daemon()
          .name("node-service-stdout")
          .start(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8),
                        1 << 16)) {
                  for (String line; (line = r.readLine()) != null; ) {
                    queue.add(line);
                  }
                } catch (IOException ignored) {
                  // process went away
                } finally {
                  queue.add(EOF);
                }
              });
      stderr = Collector.start(process.getErrorStream(), "service-stderr", 32 * 1024);
    }

    /** Sends one request line and waits for its response line. */
    public synchronized String request(String line, Duration timeout) {
      return requestAll(List.of(line), timeout).get(0);
    }

    /**
     * Sends all request lines (pipelined) and returns the response lines in order; {@code timeout}
     * bounds the wait for each single response.
     */
    public synchronized List<String> requestAll(List<String> requestLines, Duration timeout) {
      ensureStarted();
      for (String line : requestLines) {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
          throw new IllegalArgumentException("request must be a single line");
        }
      }
      Process p = process;
      LinkedBlockingQueue<Object> queue = lines;
      // write on a separate thread so a slow reader never blocks us against a full pipe
      Thread writer =
          Thread.ofPlatform()
              .daemon()
              .name("node-service-stdin")
              .start(
                  () -> {
                    try {
                      for (String line : requestLines) {
                        stdin.write(line);
                        stdin.write('\n');
                      }
                      stdin.flush();
                    } catch (IOException ignored) {
                      // reported through EOF on stdout
                    }
                  });
      List<String> out = new ArrayList<>(requestLines.size());
      try {
        for (int i = 0; i < requestLines.size(); i++) {
          Object got = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
          if (got == null) {
            String err = stderr.snapshot();
            kill(p);
            throw new AssertionError(
                "no answer from "
                    + String.join(" ", command)
                    + " within "
                    + timeout.toSeconds()
                    + " s (request "
                    + (i + 1)
                    + " of "
                    + requestLines.size()
                    + ": "
                    + abbreviate(requestLines.get(i), 300)
                    + "); process killed.\nstderr (tail):\n"
                    + err);
          }
          if (got == EOF) {
            String err = stderr.text();
            int exit = p.isAlive() ? -1 : p.exitValue();
            throw new AssertionError(
                String.join(" ", command)
                    + " exited (code "
                    + exit
                    + ") before answering request "
                    + (i + 1)
                    + " of "
                    + requestLines.size()
                    + ": "
                    + abbreviate(requestLines.get(i), 300)
                    + "\nstderr (tail):\n"
                    + err);
          }
          out.add((String) got);
        }
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill(p);
        throw new AssertionError("interrupted", e);
      }
      return out;
    }

    /** Tail of what the process wrote to stderr so far. */
    public String stderrTail() {
      return stderr == null ? "" : stderr.snapshot();
    }

    @Override
    public synchronized void close() {
      if (process == null) {
        return;
      }
      try {
        stdin.close(); // check.mjs exits at end of input
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          kill(process);
        }
      } catch (IOException e) {
        kill(process);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill(process);
      }
      process = null;
    }
  }

  static String abbreviate(String s, int max) {
    Objects.requireNonNull(s);
    return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
  }
}
