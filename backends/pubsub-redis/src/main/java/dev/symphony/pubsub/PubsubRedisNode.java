package dev.symphony.pubsub;

import dev.symphony.server.RoomServer;
import dev.symphony.server.config.ObservabilityConfig;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.metrics.TopologyMeters;
import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.RoomCatalog;
import dev.symphony.server.version.VersionPolicy;
import dev.symphony.server.version.VersionSetup;
import dev.symphony.server.webhook.WebhookSettings;
import io.micrometer.core.instrument.Gauge;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the pubsub-redis topology: a {@link RoomServer} whose rooms are replicated over Redis
 * with every other node holding them (see the module README). All nodes must share the document
 * store (S3, or one shared folder) and Redis; the catalog may be shared (PostgreSQL) or per node.
 */
public final class PubsubRedisNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PubsubRedisNode.class);

  private final NodeSettings settings;
  private final Redis redis;
  private final RoomServer server;
  private final Backplane backplane;
  private final NodeDirectory directory;
  private final CheckpointLease lease;
  private final RedisUpdateLog updateLog;
  private final ScheduledExecutorService timer;
  private boolean closed;

  private PubsubRedisNode(
      NodeSettings settings,
      Redis redis,
      RoomServer server,
      Backplane backplane,
      NodeDirectory directory,
      CheckpointLease lease,
      RedisUpdateLog updateLog,
      ScheduledExecutorService timer) {
    this.settings = settings;
    this.redis = redis;
    this.server = server;
    this.backplane = backplane;
    this.directory = directory;
    this.lease = lease;
    this.updateLog = updateLog;
    this.timer = timer;
  }

  /**
   * Connects to Redis and starts serving; the stores belong to the node from now on. Fails with a
   * one-line reason when Redis cannot be reached.
   */
  public static PubsubRedisNode start(
      ServerConfig config,
      NodeSettings settings,
      DocumentStore documents,
      RoomCatalog catalog,
      ObservabilityConfig observability)
      throws InterruptedException {
    return start(
        config,
        settings,
        documents,
        catalog,
        observability,
        VersionPolicy.defaults(),
        WebhookSettings.NONE);
  }

  /**
   * As above, with the automatic version policy chosen (versions go to the shared document store,
   * taken by the node whose clients made the changes) and webhooks (their outbox is in the shared
   * catalog database; each event is sent by the node where it happened).
   */
  public static PubsubRedisNode start(
      ServerConfig config,
      NodeSettings settings,
      DocumentStore documents,
      RoomCatalog catalog,
      ObservabilityConfig observability,
      VersionPolicy versions,
      WebhookSettings webhooks)
      throws InterruptedException {
    Redis redis = Redis.connect(settings.redisUri());
    String ns = settings.namespace();
    String nodeId = settings.nodeId();
    CheckpointLease lease = new CheckpointLease(redis, ns, nodeId, settings.leaseTtl());
    RedisUpdateLog updateLog = new RedisUpdateLog(redis, ns, nodeId, lease);
    NodeDirectory directory =
        new NodeDirectory(redis, ns, nodeId, settings.nodeAddress(), settings.nodeTtl());
    Backplane backplane = new Backplane(redis, ns, nodeId, updateLog, lease, directory);
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("symphony-cluster").daemon().factory());
    RoomServer server;
    try {
      server =
          RoomServer.start(
              config,
              new LeasedDocumentStore(documents, lease, updateLog),
              catalog,
              updateLog,
              observability.withMetrics(
                  observability.metrics().withTopology("pubsub-redis").withNode(nodeId)),
              setup -> {
                VersionSetup.of(documents, catalog, config.security().admin(), versions)
                    .accept(setup);
                var registry = setup.metrics().registry();
                backplane.bind(
                    setup.rooms(),
                    TopologyMeters.backplaneLag(registry),
                    TopologyMeters.backplaneMessages(registry, "published"),
                    TopologyMeters.backplaneMessages(registry, "received"));
                setup.rooms().addListener(backplane);
                Gauge.builder("symphony.backplane.waiting.updates", updateLog::waitingUpdates)
                    .description("pubsub-redis: updates kept locally until Redis is back")
                    .register(registry);
                Gauge.builder("symphony.backplane.up", () -> redis.up() ? 1 : 0)
                    .description("pubsub-redis: 1 while Redis answers this node")
                    .register(registry);
                Gauge.builder("symphony.checkpoint.leases", () -> lease.heldRooms().size())
                    .description("pubsub-redis: rooms whose checkpoint lease this node holds")
                    .register(registry);
                setup.addRoutes(
                    new ClusterRoutes(
                        nodeId,
                        () -> load(nodeId, setup.metrics().connections(), backplane, redis),
                        directory,
                        lease,
                        timer));
              },
              webhooks);
    } catch (RuntimeException | InterruptedException e) {
      timer.shutdownNow();
      redis.close();
      throw e;
    }
    PubsubRedisNode node =
        new PubsubRedisNode(settings, redis, server, backplane, directory, lease, updateLog, timer);
    long beat = settings.heartbeat().toMillis();
    node.renewEveryTicks = Math.max(1, settings.leaseTtl().toMillis() / (5 * beat));
    node.adoptEveryTicks = Math.max(1, 3 * settings.leaseTtl().toMillis() / beat);
    node.heartbeat();
    redis.onPubSubReconnected(
        () -> {
          log.info(
              "backplane subscription restored: resyncing {} room(s)", backplane.rooms().size());
          timer.schedule(backplane::resyncAll, 200, TimeUnit.MILLISECONDS);
        });
    timer.scheduleWithFixedDelay(node::tick, beat, beat, TimeUnit.MILLISECONDS);
    log.info(
        "pubsub-redis node={} serving on {} with Redis {}",
        nodeId,
        server.address(),
        settings.redisUri());
    return node;
  }

  private static Map<String, Object> load(
      String nodeId, long connections, Backplane backplane, Redis redis) {
    Map<String, Object> load = new LinkedHashMap<>();
    load.put("node", nodeId);
    load.put("connections", connections);
    load.put("rooms", backplane.rooms().size());
    load.put("redis", redis.up() ? "up" : "down");
    return load;
  }

  private long ticks;

  /**
   * Lease renewals: five per TTL (the lease is trusted for two thirds of it), at most one a beat.
   */
  private long renewEveryTicks = 1;

  /**
   * How often (in heartbeats) a node looks for rooms nobody checkpoints: every three lease TTLs.
   */
  private long adoptEveryTicks = 30;

  /** Every heartbeat: renew, notice Redis coming back, drop dead peers, renew leases. */
  private void tick() {
    try {
      boolean back = heartbeat();
      if (back) {
        log.info(
            "Redis is back: appending kept updates and resyncing {} room(s)",
            backplane.rooms().size());
        directory.rejoin(backplane.rooms());
        updateLog.flushWaiting();
        backplane.resyncAll();
        // Lettuce re-subscribes a moment after reconnecting: exchange state once more then.
        timer.schedule(backplane::resyncAll, 2, TimeUnit.SECONDS);
      }
      if (redis.up()) {
        if (updateLog.waitingUpdates() > 0) {
          updateLog.flushWaiting();
        }
        ticks++;
        if (back || ticks % renewEveryTicks == 0) {
          lease.renewAll();
        }
        if (ticks % 3 == 0) {
          backplane.forgetDeadPeers();
        }
        if (ticks % adoptEveryTicks == 0) {
          adoptOrphans();
        }
      }
    } catch (RuntimeException e) {
      log.warn("cluster heartbeat failed: {}", e.toString());
    }
  }

  /**
   * Loads rooms whose stream holds entries but whose lease nobody holds (their holder died and the
   * other nodes unloaded them before the lease expired): loading takes the lease, checkpoints and
   * trims, and the room unloads after its grace period.
   */
  private void adoptOrphans() {
    for (String roomId : updateLog.roomsWithPending()) {
      // Live nodes holding it will take the lease at their next renewal round themselves.
      if (server.rooms().room(roomId).isEmpty() && directory.holders(roomId).isEmpty()) {
        log.info("room={}: adopting its update stream (no checkpoint lease holder)", roomId);
        server.rooms().load(roomId);
      }
    }
  }

  private boolean heartbeat() {
    boolean reached = directory.heartbeat(server.metrics().connections(), backplane.rooms().size());
    boolean back = redis.reached(reached);
    if (!reached && !back) {
      log.debug("Redis unreachable; serving local clients");
    }
    return back;
  }

  public InetSocketAddress address() {
    return server.address();
  }

  public RoomServer server() {
    return server;
  }

  public String nodeId() {
    return settings.nodeId();
  }

  /** Stores every room (as lease holder where it holds the lease), then leaves the cluster. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    var rooms = backplane.rooms();
    // Heartbeats and lease renewals go on while the rooms take their final checkpoints.
    server.close();
    timer.shutdownNow();
    directory.leave(rooms);
    redis.close();
  }
}
