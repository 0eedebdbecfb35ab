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

  /** Set of the node ids that hold the room loaded (the room directory). */
  public String holders() {
    return tagged("nodes");
  }

  /** Heartbeat key of a node: present while the node lives (it expires with the node). */
  public static String node(String namespace, String nodeId) {
    return namespace + ":node:" + nodeId;
  }

  /** Pattern matching every node's heartbeat key. */
  public static String nodePattern(String namespace) {
    return namespace + ":node:*";
  }

  /** Pattern matching every room's update stream (to find rooms left with unchecked updates). */
  public static String streamPattern(String namespace) {
    return namespace + ":log:*";
  }

  /** The room id inside a key made by {@link #tagged}. */
  public static String roomOf(String key) {
    String tag = key.substring(key.indexOf('{') + 1, key.lastIndexOf('}'));
    return tag.replace("%7D", "}").replace("%7B", "{").replace("%25", "%");
  }
}
