package dev.symphony.cli.serve;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How rooms are spread over processes, chosen at deploy time with {@code --topology}. */
public enum Topology {
  SINGLE_NODE("single-node"),
  PUBSUB_REDIS("pubsub-redis"),
  ROOM_PER_POD("room-per-pod");

  private final String label;

  Topology(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The topology named {@code value} (default single-node when null or blank). */
  public static Topology parse(String value) {
    if (value == null || value.isBlank()) {
      return SINGLE_NODE;
    }
    String wanted = value.strip().toLowerCase(Locale.ROOT);
    for (Topology topology : values()) {
      if (topology.label.equals(wanted)) {
        return topology;
      }
    }
    throw new ServeSettings.InvalidSettingException(
        "unknown topology '"
            + value
            + "'; choose one of "
            + Arrays.stream(values()).map(Topology::label).collect(Collectors.joining(", ")));
  }
}
