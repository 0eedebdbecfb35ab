package dev.symphony.roomperpod.orchestrator.local;

import dev.symphony.roomperpod.orchestrator.OrchestratorMetrics;
import dev.symphony.roomperpod.orchestrator.StartObserver;
import dev.symphony.roomperpod.proxy.ProxyMetrics;
import dev.symphony.roomperpod.proxy.ProxySettings;
import dev.symphony.roomperpod.proxy.RoomProxy;
import dev.symphony.roomperpod.room.RoomProcessMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A proxy with the local-process orchestrator, starting {@link RoomProcessMain} processes with a
 * short grace; counts starts per room. Closing it stops everything it started.
 */
public final class LocalRooms implements AutoCloseable {

  /** JVM options for test rooms: small heap, quick start. */
  static final List<String> ROOM_JVM = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1");

  public final LocalProcessOrchestrator orchestrator;
  public final RoomProxy proxy;
  public final ProxyMetrics metrics = new ProxyMetrics();
  public final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();

  public LocalRooms(Path dataDir, Duration grace) throws InterruptedException {
    this(dataDir, grace, command(grace));
  }

  public LocalRooms(Path dataDir, Duration grace, RoomCommand command) throws InterruptedException {
    OrchestratorMetrics meters =
        new OrchestratorMetrics(metrics.metrics().registry(), "local-process");
    StartObserver counting =
        new StartObserver() {
          @Override
          public void started(String roomId, Duration coldStart) {
            starts.computeIfAbsent(roomId, id -> new AtomicInteger()).incrementAndGet();
            meters.started(roomId, coldStart);
          }

          @Override
          public void failed(String roomId, Throwable cause) {
            meters.failed(roomId, cause);
          }
        };
    orchestrator =
        new LocalProcessOrchestrator(
            new LocalProcessSettings(
                dataDir.resolve("rooms"), "127.0.0.1", command, Duration.ofSeconds(20)),
            counting);
    proxy =
        RoomProxy.start(
            ProxySettings.of("127.0.0.1", 0).withReadyTimeout(Duration.ofSeconds(30)),
            orchestrator,
            metrics);
  }

  /** {@code java ... RoomProcessMain --room <id> ...} with this JVM's class path. */
  public static RoomCommand command(Duration grace) {
    return (roomId, host, port, dataDir, parentPid) -> {
      List<String> command =
          new ArrayList<>(RoomCommand.sameJvm(ROOM_JVM, RoomProcessMain.class.getName()));
      command.addAll(
          List.of(
              "--room",
              roomId,
              "--host",
              host,
              "--port",
              Integer.toString(port),
              "--data-dir",
              dataDir.toString(),
              "--grace",
              grace.toMillis() / 1000.0 + "s",
              "--parent-pid",
              Long.toString(parentPid)));
      return command;
    };
  }

  public String url() {
    return "ws://127.0.0.1:" + proxy.address().getPort();
  }

  public int starts(String roomId) {
    AtomicInteger count = starts.get(roomId);
    return count == null ? 0 : count.get();
  }

  @Override
  public void close() {
    try {
      proxy.close();
    } finally {
      orchestrator.close();
      metrics.close();
      // Whatever a failed test left behind (never anything but our own children).
      ProcessHandle.current()
          .children()
          .filter(child -> child.info().command().orElse("").endsWith("java"))
          .forEach(ProcessHandle::destroyForcibly);
    }
  }
}
