package dev.symphony.load.run;

import dev.symphony.load.protocol.Protocol;
import dev.symphony.load.simulation.SimulationSettings.Spread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server side of a run, started as separate processes on free ports: Symphony's topologies and
 * the Node competitors, or an {@code external} server someone started by hand.
 */
public enum Topology {
  /** One Symphony process: {@code ./symphony serve --port P --data-dir D}. */
  SINGLE_NODE("single-node") {
    @Override
    Deployment start(Context ctx) throws IOException, InterruptedException {
      int port = ManagedProcess.freePort();
      Path data = Files.createDirectories(ctx.workDir().resolve("single-node-data"));
      List<String> command =
          ctx.command(
              "load.singleNode.command",
              "{symphony} serve --port {port} --data-dir {dataDir}",
              Map.of("port", Integer.toString(port), "dataDir", data.toString()));
      ManagedProcess server =
          ManagedProcess.start(
              "symphony single-node",
              command,
              ctx.repoRoot(),
              ctx.symphonyEnv(),
              ctx.workDir().resolve("single-node.log"),
              ctx.serverCpus());
      return ctx.ready(id(), List.of(server), List.of(port), Spread.ROOM, Protocol.Y_WEBSOCKET);
    }
  },

  /**
   * Symphony nodes replicating rooms over Redis: one {@code redis-server} and {@code load.nodes}
   * (default 2) nodes; each room's users are spread over the nodes so that every update crosses the
   * backplane. The nodes share one document folder (their snapshots) besides Redis.
   */
  PUBSUB_REDIS("pubsub-redis") {
    @Override
    Deployment start(Context ctx) throws IOException, InterruptedException {
      List<ManagedProcess> started = new ArrayList<>();
      List<Integer> ports = new ArrayList<>();
      try {
        int redisPort = ManagedProcess.freePort();
        ManagedProcess redis =
            ManagedProcess.start(
                "redis",
                ctx.command(
                    "load.redis.command",
                    "redis-server --bind 127.0.0.1 --port {redisPort} --save '' --appendonly no",
                    Map.of("redisPort", Integer.toString(redisPort))),
                ctx.workDir(),
                Map.of(),
                ctx.workDir().resolve("redis.log"),
                ctx.serverCpus());
        started.add(redis);
        redis.awaitPort(redisPort, Duration.ofSeconds(30));
        int nodes = Integer.parseInt(ctx.setting("load.nodes", "2"));
        // Every node must see every snapshot: one shared document folder (a bucket in production).
        Path data = Files.createDirectories(ctx.workDir().resolve("pubsub-documents"));
        List<Integer> nodePorts = ManagedProcess.freePorts(nodes);
        for (int i = 0; i < nodes; i++) {
          int port = nodePorts.get(i);
          started.add(
              ManagedProcess.start(
                  "symphony pubsub-redis node " + i,
                  ctx.command(
                      "load.pubsub.command",
                      "{symphony} serve --topology pubsub-redis --redis redis://127.0.0.1:{redisPort}"
                          + " --node-id {nodeId} --port {port} --data-dir {dataDir}",
                      Map.of(
                          "port", Integer.toString(port),
                          "dataDir", data.toString(),
                          "nodeId", "pubsub-" + i,
                          "redisPort", Integer.toString(redisPort))),
                  ctx.repoRoot(),
                  ctx.symphonyEnv(),
                  ctx.workDir().resolve("pubsub-node-" + i + ".log"),
                  ctx.serverCpus()));
          ports.add(port);
        }
        List<ManagedProcess> nodesOnly = started.subList(1, started.size());
        ctx.awaitAll(nodesOnly, ports);
        return new Deployment(
            id(), urls(ports), Spread.USER, Protocol.Y_WEBSOCKET, started, List.of());
      } catch (IOException | InterruptedException | RuntimeException e) {
        started.forEach(ManagedProcess::close);
        throw e;
      }
    }
  },

  /**
   * Symphony's process-per-room topology: a proxy that starts one backend process per room (the
   * local-process orchestrator; rooms' data under {dataDir}/rooms). The command is a template
   * ({@code load.roomPerPod.command}) to try other options; see the README.
   */
  ROOM_PER_POD("room-per-pod") {
    @Override
    Deployment start(Context ctx) throws IOException, InterruptedException {
      int port = ManagedProcess.freePort();
      Path data = Files.createDirectories(ctx.workDir().resolve("room-per-pod-data"));
      ManagedProcess proxy =
          ManagedProcess.start(
              "symphony room-per-pod",
              ctx.command(
                  "load.roomPerPod.command",
                  "{symphony} serve --topology room-per-pod --port {port} --data-dir {dataDir}",
                  Map.of("port", Integer.toString(port), "dataDir", data.toString())),
              ctx.repoRoot(),
              ctx.symphonyEnv(),
              ctx.workDir().resolve("room-per-pod.log"),
              ctx.serverCpus());
      return ctx.ready(id(), List.of(proxy), List.of(port), Spread.ROOM, Protocol.Y_WEBSOCKET);
    }
  },

  /** {@code @y/websocket-server} from npm (the server of the design documents' first test). */
  Y_WEBSOCKET("y-websocket") {
    @Override
    Deployment start(Context ctx) throws IOException, InterruptedException {
      return ctx.startNode(id(), "y-websocket-server.mjs", Protocol.Y_WEBSOCKET);
    }
  },

  /** {@code @hocuspocus/server} from npm, with its own framing and auth handshake. */
  HOCUSPOCUS("hocuspocus") {
    @Override
    Deployment start(Context ctx) throws IOException, InterruptedException {
      return ctx.startNode(id(), "hocuspocus-server.mjs", Protocol.HOCUSPOCUS);
    }
  },

  /**
   * A server started by someone else: {@code -Dload.targets=ws://...}, {@code -Dload.protocol}, and
   * optionally {@code -Dload.serverPids=1234,5678} to sample its CPU and memory.
   */
  EXTERNAL("external") {
    @Override
    Deployment start(Context ctx) {
      List<String> targets =
          Arrays.stream(ctx.setting("load.targets", "ws://127.0.0.1:1234").split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .toList();
      List<Long> pids =
          Arrays.stream(ctx.setting("load.serverPids", "").split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .map(Long::parseLong)
              .toList();
      Spread spread = Spread.valueOf(ctx.setting("load.spread", "room").toUpperCase(Locale.ROOT));
      return new Deployment(
          id(),
          targets,
          spread,
          Protocol.fromId(ctx.setting("load.protocol", "y-websocket")),
          List.of(),
          pids);
    }
  };

  private final String id;

  Topology(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Topology fromId(String id) {
    for (Topology t : values()) {
      if (t.id.equalsIgnoreCase(id.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown topology '" + id + "'; one of " + Stream.of(values()).map(Topology::id).toList());
  }

  abstract Deployment start(Context ctx) throws IOException, InterruptedException;

  public Deployment deploy(Context ctx) throws IOException, InterruptedException {
    return start(ctx);
  }

  static List<String> urls(List<Integer> ports) {
    return ports.stream().map(p -> "ws://127.0.0.1:" + p).toList();
  }

  /** What starting a topology needs from the orchestrator. */
  public interface Context {
    Path repoRoot();

    Path nodeDir();

    Path workDir();

    Cpus serverCpus();

    Duration startTimeout();

    /** A setting ({@code -Dkey=value}), or {@code fallback}. */
    String setting(String key, String fallback);

    /** Environment for {@code ./symphony} (e.g. skip its rebuild, JVM options). */
    Map<String, String> symphonyEnv();

    /**
     * The command for a process: the template in setting {@code key} (or {@code template}) split on
     * spaces, with {@code {name}} placeholders replaced ({@code {symphony}}, {@code {node}} and
     * {@code {nodeDir}} always available).
     */
    List<String> command(String key, String template, Map<String, String> values);

    default Deployment ready(
        String topology,
        List<ManagedProcess> processes,
        List<Integer> ports,
        Spread spread,
        Protocol protocol)
        throws IOException, InterruptedException {
      try {
        awaitAll(processes, ports);
      } catch (IOException | InterruptedException | RuntimeException e) {
        processes.forEach(ManagedProcess::close);
        throw e;
      }
      return new Deployment(topology, urls(ports), spread, protocol, processes, List.of());
    }

    default void awaitAll(List<ManagedProcess> processes, List<Integer> ports)
        throws IOException, InterruptedException {
      ManagedProcess.awaitAll(processes, ports, startTimeout());
    }

    default Deployment startNode(String topology, String script, Protocol protocol)
        throws IOException, InterruptedException {
      NodeModules.ensureInstalled(nodeDir(), workDir());
      int port = ManagedProcess.freePort();
      ManagedProcess server =
          ManagedProcess.start(
              topology,
              command(
                  "load."
                      + (protocol == Protocol.HOCUSPOCUS ? "hocuspocus" : "yWebsocket")
                      + ".command",
                  "{node} " + script + " {port}",
                  Map.of("port", Integer.toString(port))),
              nodeDir(),
              Map.of(),
              workDir().resolve(topology + ".log"),
              serverCpus());
      return ready(topology, List.of(server), List.of(port), Spread.ROOM, protocol);
    }
  }
}
