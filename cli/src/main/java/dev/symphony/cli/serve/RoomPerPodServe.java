package dev.symphony.cli.serve;

import dev.symphony.roomperpod.orchestrator.OrchestratorMetrics;
import dev.symphony.roomperpod.orchestrator.RoomOrchestrator;
import dev.symphony.roomperpod.orchestrator.kubernetes.KubernetesOrchestrator;
import dev.symphony.roomperpod.orchestrator.local.LocalProcessOrchestrator;
import dev.symphony.roomperpod.orchestrator.local.LocalProcessSettings;
import dev.symphony.roomperpod.orchestrator.local.RoomCommand;
import dev.symphony.roomperpod.proxy.ProxyMetrics;
import dev.symphony.roomperpod.proxy.ProxySettings;
import dev.symphony.roomperpod.proxy.RoomProxy;
import dev.symphony.roomperpod.room.RoomProcessSettings;
import dev.symphony.roomperpod.room.SingleRoomProcess;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.version.VersionPolicy;
import dev.symphony.server.webhook.WebhookSettings;
import dev.symphony.singlenode.DataDirectory;
import dev.symphony.singlenode.StorageSettings;
import dev.symphony.singlenode.UpdateLogSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code symphony serve --topology room-per-pod}: the proxy (default role) or, with {@code --role
 * room --room <id>}, the process that serves one room.
 */
final class RoomPerPodServe {

  static final String ROOM_JAVA_OPTIONS = "SYMPHONY_ROOM_JAVA_OPTIONS";

  /** Options of the proxy that a room process gets its own values for. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "--topology",
          "--role",
          "--room",
          "--orchestrator",
          "--namespace",
          "--port",
          "--host",
          "--data-dir",
          "--parent-pid");

  private final RoomPerPodOptions options;
  private final Map<String, String> environment;
  private final PrintWriter out;

  RoomPerPodServe(RoomPerPodOptions options, Map<String, String> environment, PrintWriter out) {
    this.options = options;
    this.environment = environment;
    this.out = out;
  }

  /** Serves the one room until idle, the proxy is gone, or SIGTERM; the room is stored first. */
  int runRoom(
      ServerConfig config,
      ServeSettings settings,
      StorageSettings storage,
      VersionPolicy versions,
      WebhookSettings webhooks,
      String roomId)
      throws InterruptedException {
    SingleRoomProcess room =
        SingleRoomProcess.start(
            config,
            DataDirectory.prepare(settings.dataDir()),
            new UpdateLogSettings(settings.updateLog(), settings.logFlushInterval()),
            storage,
            versions,
            webhooks,
            new RoomProcessSettings(roomId, settings.grace(), options.parentPid()));
    out.println(
        "Symphony room process for '"
            + roomId
            + "' listening on "
            + room.address().getHostString()
            + ":"
            + room.address().getPort()
            + " (exits "
            + settings.grace().toSeconds()
            + "s after its last client)");
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(room::close, "symphony-room-shutdown"));
    String reason = room.awaitStop();
    out.println("room process stopped: " + reason);
    out.flush();
    return 0;
  }

  /** Runs the proxy until SIGTERM; then stops the room processes it started (they store first). */
  int runProxy(ServeSettings settings, List<String> originalArgs) throws InterruptedException {
    String kind = options.orchestrator(environment);
    ProxyMetrics metrics = new ProxyMetrics();
    OrchestratorMetrics observer = new OrchestratorMetrics(metrics.metrics().registry(), kind);
    RoomOrchestrator orchestrator;
    try {
      orchestrator =
          kind.equals("kubernetes")
              ? kubernetes(options.namespace(environment)).observedBy(observer)
              : new LocalProcessOrchestrator(
                  LocalProcessSettings.of(
                      settings.dataDir().toAbsolutePath().resolve("rooms"),
                      roomCommand(roomJavaOptions(), forwarded(originalArgs))),
                  observer);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    RoomProxy proxy;
    try {
      proxy =
          RoomProxy.start(
              new ProxySettings(
                  settings.host(),
                  settings.port(),
                  ProxySettings.DEFAULT_READY_TIMEOUT,
                  (int) settings.maxMessageBytes()),
              orchestrator,
              metrics);
    } catch (RuntimeException | InterruptedException e) {
      orchestrator.close();
      metrics.close();
      throw e;
    }
    String hostPort = settings.host() + ":" + proxy.address().getPort();
    out.println("Symphony room-per-pod proxy listening on ws://" + hostPort + "/<room-id>");
    out.println("  rooms:   one " + orchestrator.kind() + " backend per room, started on demand");
    out.println("  health:  http://" + hostPort + "/healthz  (ready: /readyz, metrics: /metrics)");
    if (kind.equals("local-process")) {
      out.println("  data:    " + settings.dataDir().toAbsolutePath().resolve("rooms") + "/<room>");
    }
    out.println("Stop with Ctrl+C or SIGTERM (room processes store their rooms first).");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  proxy.close();
                  orchestrator.close();
                  metrics.close();
                  stopped.countDown();
                },
                "symphony-proxy-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * {@code java -cp <this class path> dev.symphony.cli.SymphonyCli serve --topology room-per-pod
   * --role room ...}: the proxy's own storage, security and room options, the room's own port and
   * data directory.
   */
  private static RoomCommand roomCommand(List<String> javaOptions, List<String> forwarded) {
    return (roomId, host, port, dataDir, parentPid) -> {
      List<String> command =
          new ArrayList<>(RoomCommand.sameJvm(javaOptions, "dev.symphony.cli.SymphonyCli"));
      command.addAll(
          List.of(
              "serve",
              "--topology",
              "room-per-pod",
              "--role",
              "room",
              "--room",
              roomId,
              "--host",
              host,
              "--port",
              Integer.toString(port),
              "--data-dir",
              dataDir.toString(),
              "--parent-pid",
              Long.toString(parentPid)));
      command.addAll(forwarded);
      return command;
    };
  }

  /**
   * JVM options of the local room processes, from {@code SYMPHONY_ROOM_JAVA_OPTIONS} (space
   * separated), e.g. {@code -XX:TieredStopAtLevel=1} or {@code -XX:AOTCache=rooms.aot}, which
   * roughly halve a cold start (see the module README).
   */
  private List<String> roomJavaOptions() {
    String value = environment.getOrDefault(ROOM_JAVA_OPTIONS, "").strip();
    return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
  }

  /** The proxy's arguments after {@code serve}, less those a room process gets its own value of. */
  static List<String> forwarded(List<String> originalArgs) {
    int serve = originalArgs.indexOf("serve");
    List<String> args = originalArgs.subList(serve + 1, originalArgs.size());
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (NOT_FORWARDED.contains(name)) {
        if (!arg.contains("=")) {
          i++; // and its value
        }
      } else {
        kept.add(arg);
      }
    }
    return kept;
  }

  /** The Kubernetes orchestrator of the cluster this proxy runs in (in-cluster or kubeconfig). */
  private KubernetesOrchestrator kubernetes(String namespace) {
    try {
      return KubernetesOrchestrator.fromEnvironment(namespace, environment);
    } catch (IllegalArgumentException e) {
      throw new ServeSettings.InvalidSettingException(e.getMessage());
    }
  }
}
