package dev.symphony.server.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What the metrics of a process carry and how many per-room series they export.
 *
 * @param topology the {@code topology} tag: single-node, pubsub-redis or room-per-pod
 * @param node the {@code node} tag: this process's node id
 * @param topRooms how many rooms (those with the most connections) get per-room series; bounds the
 *     cardinality when a process holds thousands of rooms
 */
public record MetricsSettings(String topology, String node, int topRooms) {

  public static final int DEFAULT_TOP_ROOMS = 50;

  public MetricsSettings {
    if (topology == null || topology.isBlank()) {
      throw new IllegalArgumentException("topology must not be empty");
    }
    if (node == null || node.isBlank()) {
      throw new IllegalArgumentException("node must not be empty");
    }
    if (topRooms < 0) {
      throw new IllegalArgumentException("top rooms must not be negative: " + topRooms);
    }
  }

  /** Single-node, named after the host, top 50 rooms. */
  public static MetricsSettings defaults() {
    return new MetricsSettings("single-node", hostName(), DEFAULT_TOP_ROOMS);
  }

  public MetricsSettings withTopology(String value) {
    return new MetricsSettings(value, node, topRooms);
  }

  public MetricsSettings withNode(String value) {
    return new MetricsSettings(topology, value, topRooms);
  }

  public MetricsSettings withTopRooms(int value) {
    return new MetricsSettings(topology, node, value);
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME"); // the pod name in Kubernetes
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
