package dev.symphony.pubsub;

import java.util.Objects;

/**
 * Names of the Redis keys and channels of one room. The room id sits inside a hash tag ({@code
 * {...}}) so a room's channel, update stream and checkpoint lease land on one Redis Cluster slot.
 * Braces inside a room id would break the hash tag, so they are escaped.
 */
public record RedisKeys(String namespace, String roomId) {

  public RedisKeys {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(roomId, "roomId");
    if (namespace.isEmpty() || namespace.contains("{") || namespace.contains("}")) {
      throw new IllegalArgumentException(
          "namespace must be non-empty and free of braces: " + namespace);
    }
  }

  private String tagged(String kind) {
    String escaped = roomId.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
    return namespace + ":" + kind + ":{" + escaped + "}";
  }

  /** Pub/sub channel carrying the room's updates and awareness between nodes. */
  public String channel() {
    return tagged("room");
  }

  /** Redis Stream holding the room's update log between checkpoints. */
  public String updateStream() {
    return tagged("log");
  }

  /** Key of the room's checkpoint lease: one node at a time writes snapshots. */
  public String checkpointLease() {
    return tagged("lease");
  }
}
