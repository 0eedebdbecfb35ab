package dev.symphony.cli.serve;

import dev.symphony.cli.dashboard.DashboardUrls;
import dev.symphony.pubsub.NodeSettings;
import dev.symphony.pubsub.PubsubRedisNode;
import dev.symphony.server.config.ObservabilityConfig;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.FileDocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import dev.symphony.server.store.RoomCatalog;
import dev.symphony.server.store.s3.S3DocumentStore;
import dev.symphony.server.version.VersionPolicy;
import dev.symphony.server.webhook.WebhookSettings;
import dev.symphony.singlenode.PostgresCatalog;
import dev.symphony.singlenode.StorageSettings;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Option;

/**
 * {@code symphony serve --topology pubsub-redis}: one node of a cluster sharing rooms over Redis.
 * Documents go to the shared store (S3 with {@code --store s3://...}, else {@code
 * <data-dir>/documents}, which must then be one folder every node mounts); the catalog is
 * PostgreSQL when {@code --catalog} names one, else kept in memory per node (the embedded catalog
 * is a file only one process may open). Redis Streams are the update log.
 */
public final class PubsubRedisServe {

  @Option(
      names = "--redis",
      paramLabel = "<uri>",
      description =
          "pubsub-redis: the shared Redis, redis://host:port (also SYMPHONY_REDIS; required for"
              + " that topology)")
  String redis;

  @Option(
      names = "--node-id",
      paramLabel = "<id>",
      description = "pubsub-redis: this node's unique id (default random; also SYMPHONY_NODE_ID)")
  String nodeId;

  @Option(
      names = "--node-address",
      paramLabel = "<host:port>",
      description =
          "pubsub-redis: how other nodes and operators reach this node, shown in the directory"
              + " (default host:port; also SYMPHONY_NODE_ADDRESS)")
  String nodeAddress;

  /** Starts the node and serves until SIGTERM; returns the exit code. */
  int serve(
      ServerConfig config,
      ServeSettings settings,
      StorageSettings storage,
      VersionPolicy versions,
      WebhookSettings webhooks,
      Map<String, String> environment,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    String uri = redis != null ? redis : environment.get("SYMPHONY_REDIS");
    if (uri == null || uri.isBlank()) {
      err.println(
          "symphony serve: the pubsub-redis topology needs --redis redis://host:port"
              + " (or SYMPHONY_REDIS)");
      err.flush();
      return ServeCommand.INVALID_SETTINGS;
    }
    NodeSettings node;
    try {
      node =
          NodeSettings.of(
              uri,
              nodeId != null ? nodeId : environment.get("SYMPHONY_NODE_ID"),
              nodeAddress != null
                  ? nodeAddress
                  : environment.getOrDefault(
                      "SYMPHONY_NODE_ADDRESS", settings.host() + ":" + settings.port()));
    } catch (IllegalArgumentException e) {
      err.println("symphony serve: " + e.getMessage());
      err.flush();
      return ServeCommand.INVALID_SETTINGS;
    }
    DocumentStore documents;
    RoomCatalog catalog;
    String where;
    try {
      if (storage.s3() != null) {
        documents = S3DocumentStore.open(storage.s3());
      } else {
        documents = new FileDocumentStore(settings.dataDir().resolve("documents"));
      }
      where = storage.s3() != null ? storage.describe() : settings.dataDir() + "/documents";
      catalog =
          storage.catalog().embedded()
              ? new MemoryRoomCatalog()
              : PostgresCatalog.open(storage.catalog());
    } catch (Exception e) {
      err.println("symphony serve: " + e.getMessage());
      err.flush();
      return ServeCommand.START_FAILED;
    }
    PubsubRedisNode started;
    try {
      started =
          PubsubRedisNode.start(
              config, node, documents, catalog, ObservabilityConfig.defaults(), versions, webhooks);
    } catch (Exception e) {
      err.println("symphony serve: " + e.getMessage());
      err.flush();
      closeQuietly(documents);
      return ServeCommand.START_FAILED;
    }
    started.server().linkGrafana(environment.get(DashboardUrls.GRAFANA_URL_ENV));
    String hostPort = settings.host() + ":" + started.address().getPort();
    out.println(
        "Symphony pubsub-redis node "
            + started.nodeId()
            + " listening on ws://"
            + hostPort
            + "/<room-id>");
    out.println("  redis:   " + uri + " (backplane, update log, directory, leases)");
    out.println("  data:    " + where + " (shared by every node)");
    out.println("  load:    http://" + hostPort + "/load  (cluster: /cluster, ready: /readyz)");
    out.println("Stop with Ctrl+C or SIGTERM (rooms are stored first).");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("symphony-shutdown")
                .unstarted(
                    () -> {
                      started.close();
                      closeQuietly(documents);
                      out.println("stopped");
                      out.flush();
                      stopped.countDown();
                    }));
    stopped.await();
    return 0;
  }

  private static void closeQuietly(DocumentStore documents) {
    if (documents instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // stopping anyway
      }
    }
  }
}
