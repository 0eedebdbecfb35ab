package dev.symphony.pubsub;

import dev.symphony.server.config.ObservabilityConfig;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.server.store.FileDocumentStore;
import dev.symphony.server.store.MemoryRoomCatalog;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One cluster node as its own process, for the tests: {@code ClusterNodeMain <redis-uri> <node-id>
 * <shared-documents-dir> [short-leases]}. Documents go to a folder all test nodes share, the
 * catalog is per node (in memory): the room catalog only lists rooms, the documents live in the
 * store and the stream. Short grace and checkpoint interval so the tests see leases, checkpoints
 * and trims happen. Prints {@code LISTENING <port>} once it serves.
 */
public final class ClusterNodeMain {

  private ClusterNodeMain() {}

  /** Leases of 3 s (taken over after 3 s, orphans adopted every 9 s), for the adoption test. */
  private static NodeSettings shortLeases(String redis, String nodeId) {
    return new NodeSettings(
        redis,
        nodeId,
        "127.0.0.1",
        "symphony",
        Duration.ofSeconds(1),
        Duration.ofSeconds(3),
        Duration.ofSeconds(3));
  }

  public static void main(String[] args) throws Exception {
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withRooms(
                RoomSettings.defaults()
                    .withGrace(Duration.ofSeconds(2))
                    .withCheckpointInterval(Duration.ofSeconds(1)));
    PubsubRedisNode node =
        PubsubRedisNode.start(
            config,
            args.length > 3
                ? shortLeases(args[0], args[1])
                : NodeSettings.of(args[0], args[1], "127.0.0.1"),
            new FileDocumentStore(Path.of(args[2])),
            new MemoryRoomCatalog(),
            ObservabilityConfig.defaults());
    Runtime.getRuntime().addShutdownHook(new Thread(node::close));
    System.out.println("LISTENING " + node.address().getPort());
    System.out.flush();
    Thread.currentThread().join();
  }
}
