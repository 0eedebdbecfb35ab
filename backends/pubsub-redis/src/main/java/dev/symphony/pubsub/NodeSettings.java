package dev.symphony.pubsub;

import java.time.Duration;
import java.util.Objects;

/**
 * How a pubsub-redis node joins the cluster.
 *
 * @param redisUri the shared Redis, e.g. {@code redis://host:6379}; {@code rediss://} for TLS,
 *     {@code redis-sentinel://...} to follow the master Sentinel elects
 * @param nodeId this node's unique id (default: a random one)
 * @param nodeAddress how others (and the directory's readers) reach this node, e.g. {@code
 *     10.0.0.5:1234}; informative
 * @param namespace prefix of every Redis key and channel (one Redis can serve several clusters)
 * @param heartbeat how often the node renews its heartbeat and checks its peers
 * @param nodeTtl how long a node's heartbeat lives: a node silent this long counts as dead
 * @param leaseTtl how long a checkpoint lease lives without renewal: a dead holder's lease is taken
 *     over after at most this
 */
public record NodeSettings(
    String redisUri,
    String nodeId,
    String nodeAddress,
    String namespace,
    Duration heartbeat,
    Duration nodeTtl,
    Duration leaseTtl) {

  public NodeSettings {
    Objects.requireNonNull(redisUri, "redisUri");
    if (!redisUri.startsWith("redis://")
        && !redisUri.startsWith("rediss://")
        && !redisUri.startsWith("redis-sentinel://")) {
      throw new IllegalArgumentException(
          "the Redis address must look like redis://host:port (rediss:// for TLS,"
              + " redis-sentinel://host:26379/?sentinelMasterId=name behind Sentinel), not "
              + redisUri);
    }
    if (nodeId == null || nodeId.isBlank()) {
      nodeId = "node-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
    if (!nodeId.matches("[A-Za-z0-9._:-]{1,64}")) {
      throw new IllegalArgumentException(
          "node id must be 1-64 letters, digits, '.', '_', ':' or '-': " + nodeId);
    }
    if (nodeAddress == null) {
      nodeAddress = "";
    }
    if (leaseTtl.compareTo(heartbeat.multipliedBy(2)) < 0
        || nodeTtl.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("the TTLs must be at least two heartbeats");
    }
  }

  /** Defaults: heartbeat every second, nodes dead after 5 s, leases taken over after 10 s. */
  public static NodeSettings of(String redisUri, String nodeId, String nodeAddress) {
    return new NodeSettings(
        redisUri,
        nodeId,
        nodeAddress,
        "symphony",
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }
}
