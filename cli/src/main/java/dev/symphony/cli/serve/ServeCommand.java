package dev.symphony.cli.serve;

import dev.symphony.cli.dashboard.DashboardUrls;
import dev.symphony.server.auth.SecurityConfig;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.server.webhook.WebhookSettings;
import dev.symphony.singlenode.DataDirectory;
import dev.symphony.singlenode.SingleNode;
import dev.symphony.singlenode.StorageSettings;
import dev.symphony.singlenode.UpdateLogSettings;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code symphony serve}: runs the single-node server until SIGTERM or Ctrl+C. */
@Command(
    name = "serve",
    description = {
      "Runs Symphony as one process with embedded storage (no other service needed).",
      "Browsers connect with the y-websocket provider to ws://host:port/<room-id>.",
      "",
      "Each setting is taken from the command line, else from the SYMPHONY_<NAME>",
      "environment variable (SYMPHONY_PORT, SYMPHONY_DATA_DIR, ...), else from the",
      "config file (Java properties: port=1234, data-dir=./data, ...), else the default."
    })
public final class ServeCommand implements Callable<Integer> {

  /** Exit code for settings that stop start-up (as picocli uses for usage errors). */
  static final int INVALID_SETTINGS = 2;

  /** Exit code when the server cannot start (port taken, data directory locked...). */
  static final int START_FAILED = 1;

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--topology",
      paramLabel = "<name>",
      description =
          "single-node (default: every room in this process), pubsub-redis (nodes sharing rooms"
              + " over Redis) or room-per-pod (a proxy starting one process per room)")
  String topology;

  @Option(
      names = "--port",
      paramLabel = "<port>",
      description = "TCP port (default 1234; 0 picks a free one)")
  String port;

  @Option(
      names = "--host",
      paramLabel = "<address>",
      description = "address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: all)")
  String host;

  @Option(
      names = "--data-dir",
      paramLabel = "<folder>",
      description = "where documents and the room catalog are kept (default ./data)")
  String dataDir;

  @Option(
      names = "--grace",
      paramLabel = "<duration>",
      description = "how long a room stays loaded after its last client left (default 30s)")
  String grace;

  @Option(
      names = "--checkpoint-interval",
      paramLabel = "<duration>",
      description = "how soon changes are written to disk (default 30s)")
  String checkpointInterval;

  @Option(
      names = "--max-message-size",
      paramLabel = "<size>",
      description = "largest WebSocket message accepted (default 16MiB)")
  String maxMessageSize;

  @Option(
      names = "--update-log",
      paramLabel = "on|off",
      description =
          "log every update to <data-dir>/log before it is broadcast, so a crash loses at most"
              + " the last flush interval (default on)")
  String updateLog;

  @Option(
      names = "--log-flush-interval",
      paramLabel = "<duration>",
      description = "longest an update waits for its fsync in the update log (default 10ms)")
  String logFlushInterval;

  @Option(
      names = "--config",
      paramLabel = "<file>",
      description = "settings file (also SYMPHONY_CONFIG)")
  Path config;

  @Mixin SecurityOptions security;

  @Mixin StorageOptions storage;

  @Mixin RoomPerPodOptions roomPerPod;

  @Mixin PubsubRedisServe pubsubRedis;

  @Mixin VersionOptions versions;

  @Mixin WebhookOptions webhooks;

  private final Map<String, String> environment;
  private final CountDownLatch stopped = new CountDownLatch(1);

  public ServeCommand() {
    this(System.getenv());
  }

  ServeCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServeSettings settings;
    SecurityConfig securityConfig;
    StorageSettings storageSettings;
    dev.symphony.server.version.VersionPolicy versionPolicy;
    WebhookSettings webhookSettings;
    Topology chosenTopology;
    try {
      chosenTopology =
          Topology.parse(topology != null ? topology : environment.get("SYMPHONY_TOPOLOGY"));
      settings = ServeSettings.resolve(options(), config, environment);
      securityConfig = security.resolve(environment);
      storageSettings = storage.resolve(environment);
      versionPolicy = versions.resolve(environment);
      webhookSettings = webhooks.resolve(environment);
      InsecureBind.check(settings.host(), securityConfig, security.insecure(environment));
    } catch (ServeSettings.InvalidSettingException e) {
      err.println("symphony serve: " + e.getMessage());
      err.flush();
      return INVALID_SETTINGS;
    }
    if (chosenTopology == Topology.ROOM_PER_POD) {
      return serveRoomPerPod(
          out, err, settings, securityConfig, storageSettings, versionPolicy, webhookSettings);
    }
    if (chosenTopology == Topology.PUBSUB_REDIS) {
      return pubsubRedis.serve(
          security.apply(serverConfig(settings), securityConfig),
          settings,
          storageSettings,
          versionPolicy,
          webhookSettings,
          environment,
          out,
          err);
    }
    if (chosenTopology != Topology.SINGLE_NODE) {
      err.println(
          "symphony serve: the "
              + chosenTopology.label()
              + " topology is not available in this build; use --topology single-node");
      err.flush();
      return INVALID_SETTINGS;
    }
    SingleNode node;
    try {
      node =
          SingleNode.start(
              security.apply(serverConfig(settings), securityConfig),
              DataDirectory.prepare(settings.dataDir()),
              new UpdateLogSettings(settings.updateLog(), settings.logFlushInterval()),
              storageSettings,
              versionPolicy,
              webhookSettings);
    } catch (Exception e) {
      err.println("symphony serve: " + startFailure(settings, e));
      err.flush();
      return START_FAILED;
    }
    node.server().linkGrafana(environment.get(DashboardUrls.GRAFANA_URL_ENV));
    StartupBanner.print(out, err, settings, node);
    InsecureBind.describe(out, err, settings.host(), node.address().getPort(), securityConfig);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("symphony-shutdown")
                .unstarted(
                    () -> {
                      out.println(
                          "stopping: storing " + node.server().rooms().size() + " open room(s)...");
                      out.flush();
                      node.close();
                      out.println("stopped");
                      out.flush();
                      stopped.countDown();
                    }));
    stopped.await(); // until SIGTERM or Ctrl+C runs the hook above
    return 0;
  }

  private int serveRoomPerPod(
      PrintWriter out,
      PrintWriter err,
      ServeSettings settings,
      SecurityConfig securityConfig,
      StorageSettings storageSettings,
      dev.symphony.server.version.VersionPolicy versionPolicy,
      WebhookSettings webhookSettings)
      throws InterruptedException {
    RoomPerPodServe serve = new RoomPerPodServe(roomPerPod, environment, out);
    try {
      return roomPerPod.role(environment) == RoomPerPodOptions.Role.ROOM
          ? serve.runRoom(
              security.apply(serverConfig(settings), securityConfig),
              settings,
              storageSettings,
              versionPolicy,
              webhookSettings,
              roomPerPod.room(environment))
          : serve.runProxy(settings, spec.commandLine().getParseResult().originalArgs());
    } catch (ServeSettings.InvalidSettingException e) {
      err.println("symphony serve: " + e.getMessage());
      err.flush();
      return INVALID_SETTINGS;
    } catch (RuntimeException e) {
      err.println("symphony serve: " + startFailure(settings, e));
      err.flush();
      return START_FAILED;
    }
  }

  private Map<String, String> options() {
    Map<String, String> options = new HashMap<>();
    options.put("host", host);
    options.put("port", port);
    options.put("data-dir", dataDir);
    options.put("grace", grace);
    options.put("checkpoint-interval", checkpointInterval);
    options.put("max-message-size", maxMessageSize);
    options.put("update-log", updateLog);
    options.put("log-flush-interval", logFlushInterval);
    return options;
  }

  static ServerConfig serverConfig(ServeSettings settings) {
    return ServerConfig.defaults()
        .withHost(settings.host())
        .withPort(settings.port())
        .withMaxMessageBytes((int) settings.maxMessageBytes())
        .withRooms(
            RoomSettings.defaults()
                .withGrace(settings.grace())
                .withCheckpointInterval(settings.checkpointInterval()));
  }

  private static String startFailure(ServeSettings settings, Exception e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return "cannot listen on "
            + settings.host()
            + ":"
            + settings.port()
            + ": "
            + cause.getMessage().toLowerCase(java.util.Locale.ROOT)
            + " (is another server running? choose another --port)";
      }
    }
    return e.getMessage();
  }

  /** Whether clients on other machines can reach this address. */
  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
