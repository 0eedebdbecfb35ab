package dev.symphony.roomperpod.orchestrator.local;

import dev.symphony.roomperpod.orchestrator.BackendName;
import dev.symphony.roomperpod.orchestrator.OrchestratorException;
import dev.symphony.roomperpod.orchestrator.RoomBackend;
import dev.symphony.roomperpod.orchestrator.RoomOrchestrator;
import dev.symphony.roomperpod.orchestrator.StartObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each room in its own {@code java} process on a free loopback port, with its own data
 * directory under {@link LocalProcessSettings#roomsDir()}. The process table is the source of
 * truth: a room whose process has exited (idle, crashed, killed) is started again at its next
 * {@link #ensure}. Concurrent calls for one room share one start. {@link #close()} stops every
 * process, and each room process also exits by itself when this process is gone.
 */
public final class LocalProcessOrchestrator implements RoomOrchestrator {

  public static final String KIND = "local-process";

  private static final Logger log = LoggerFactory.getLogger(LocalProcessOrchestrator.class);
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(5);
  private static final int START_ATTEMPTS = 3;
  private static final String LOG_FILE = "room-process.log";

  private final LocalProcessSettings settings;
  private final StartObserver observer;
  private final Map<String, CompletableFuture<RoomProcess>> rooms = new ConcurrentHashMap<>();
  private final ExecutorService starter =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("room-start-", 0).factory());
  private volatile boolean closed;

  public LocalProcessOrchestrator(LocalProcessSettings settings, StartObserver observer) {
    this.settings = settings;
    this.observer = observer;
  }

  @Override
  public CompletableFuture<RoomBackend> ensure(String roomId, Duration readyTimeout) {
    if (closed) {
      return CompletableFuture.failedFuture(new OrchestratorException("the proxy is stopping"));
    }
    CompletableFuture<RoomProcess> room =
        rooms.compute(
            roomId,
            (id, current) ->
                usable(current)
                    ? current
                    : CompletableFuture.supplyAsync(() -> start(id, readyTimeout), starter));
    // Each caller waits at most its own timeout; the shared start is bounded by the first one's.
    return room.copy()
        .orTimeout(readyTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (process, failure) -> {
              if (failure == null) {
                return process.backend();
              }
              throw asOrchestratorException(roomId, readyTimeout, failure);
            });
  }

  /** Starting, or started and still running: share it. Failed or exited: start anew. */
  private static boolean usable(CompletableFuture<RoomProcess> current) {
    if (current == null || current.isCompletedExceptionally()) {
      return false;
    }
    return !current.isDone() || current.join().alive();
  }

  private RoomProcess start(String roomId, Duration readyTimeout) {
    long requested = System.nanoTime();
    try {
      RoomProcess process = startReady(roomId, requested, readyTimeout);
      Duration coldStart = Duration.ofNanos(System.nanoTime() - requested);
      observer.started(roomId, coldStart);
      log.info(
          "room '{}' started as pid {} on port {} in {} ms",
          roomId,
          process.pid(),
          process.backend().port(),
          coldStart.toMillis());
      return process;
    } catch (RuntimeException e) {
      observer.failed(roomId, e);
      log.warn("room '{}' could not be started: {}", roomId, e.getMessage());
      throw e;
    }
  }

  private RoomProcess startReady(String roomId, long requested, Duration readyTimeout) {
    String name = BackendName.of(roomId);
    Path dataDir = settings.roomsDir().resolve(name);
    Path logFile = dataDir.resolve(LOG_FILE);
    long deadline = requested + readyTimeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      Process process = launch(roomId, port, dataDir, logFile);
      RoomProcess room =
          new RoomProcess(new RoomBackend(roomId, name, settings.host(), port), process);
      if (closed) {
        room.stop(settings.stopTimeout());
        throw new OrchestratorException("the proxy is stopping");
      }
      while (process.isAlive() && !ReadinessProbe.ready(settings.host(), port)) {
        if (System.nanoTime() > deadline) {
          process.destroyForcibly();
          awaitExit(process);
          throw new OrchestratorException(
              "room backend not ready within " + readyTimeout.toSeconds() + "s");
        }
        sleep(PROBE_INTERVAL);
      }
      if (process.isAlive()) {
        process.onExit().thenAccept(exited -> exited(roomId, exited));
        return room;
      }
      String tail = logTail(logFile);
      // Another program may take the free port between our probe and the child's bind.
      if (attempt < START_ATTEMPTS && tail.contains("already in use")) {
        continue;
      }
      throw new OrchestratorException(
          "room process exited during start-up (code " + process.exitValue() + "): " + tail);
    }
  }

  private Process launch(String roomId, int port, Path dataDir, Path logFile) {
    try {
      Files.createDirectories(dataDir);
      List<String> command =
          settings
              .command()
              .command(roomId, settings.host(), port, dataDir, ProcessHandle.current().pid());
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new OrchestratorException("cannot start a room process: " + e.getMessage(), e);
    }
  }

  private void exited(String roomId, Process process) {
    if (!closed) {
      log.info("room '{}' process {} exited (code {})", roomId, process.pid(), process.exitValue());
    }
  }

  private int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(settings.host()))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + settings.host(), e);
    }
  }

  /**
   * The room log's last line that says something, for the failure message: stack frames (indented)
   * are skipped, so an exception shows as its message.
   */
  private static String logTail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank() && !Character.isWhitespace(lines.get(i).charAt(0))) {
          String line = lines.get(i).strip();
          return line.length() > 300 ? line.substring(0, 300) + "..." : line;
        }
      }
      return "(no output; see " + logFile + ")";
    } catch (IOException e) {
      return "(no log at " + logFile + ")";
    }
  }

  private static OrchestratorException asOrchestratorException(
      String roomId, Duration readyTimeout, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof OrchestratorException known) {
      return known;
    }
    if (cause instanceof TimeoutException) {
      return new OrchestratorException(
          "room backend not ready within " + readyTimeout.toSeconds() + "s");
    }
    return new OrchestratorException(
        "cannot start the backend of room '" + roomId + "': " + cause.getMessage(), cause);
  }

  @Override
  public CompletableFuture<Void> stop(String roomId) {
    CompletableFuture<RoomProcess> room = rooms.remove(roomId);
    if (room == null) {
      return CompletableFuture.completedFuture(null);
    }
    return room.handle((process, failure) -> process)
        .thenAcceptAsync(
            process -> {
              if (process != null) {
                process.stop(settings.stopTimeout());
              }
            },
            starter);
  }

  @Override
  public List<RoomBackend> active() {
    List<RoomBackend> active = new ArrayList<>();
    for (CompletableFuture<RoomProcess> room : rooms.values()) {
      RoomProcess process = room.isDone() && !room.isCompletedExceptionally() ? room.join() : null;
      if (process != null && process.alive()) {
        active.add(process.backend());
      }
    }
    return active;
  }

  /** The pid of the room's running process, if it has one. */
  public OptionalLong pid(String roomId) {
    CompletableFuture<RoomProcess> room = rooms.get(roomId);
    if (room == null || !room.isDone() || room.isCompletedExceptionally()) {
      return OptionalLong.empty();
    }
    RoomProcess process = room.join();
    return process.alive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Stops every room process (each stores its room first), killing those that take too long. */
  @Override
  public void close() {
    closed = true;
    List<RoomProcess> running = new ArrayList<>();
    for (CompletableFuture<RoomProcess> room : rooms.values()) {
      try {
        running.add(room.get(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS));
      } catch (Exception e) {
        // never started: nothing to stop
      }
    }
    rooms.clear();
    running.forEach(process -> process.process().destroy());
    running.forEach(process -> process.stop(settings.stopTimeout()));
    starter.shutdown();
    log.info("stopped {} room process(es)", running.size());
  }

  /** Gives a killed process a moment to be gone, so a failed start leaves nothing behind. */
  private static void awaitExit(Process process) {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OrchestratorException("interrupted while the room backend started");
    }
  }
}
