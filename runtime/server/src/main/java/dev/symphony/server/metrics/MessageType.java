package dev.symphony.server.metrics;

import dev.symphony.server.protocol.YMessage;

/** The y-websocket message kinds, as the {@code type} tag of the message and byte counters. */
public enum MessageType {
  SYNC_STEP1("sync_step1"),
  SYNC_STEP2("sync_step2"),
  SYNC_UPDATE("sync_update"),
  AWARENESS("awareness"),
  QUERY_AWARENESS("query_awareness"),
  AUTH("auth");

  private final String tag;

  MessageType(String tag) {
    this.tag = tag;
  }

  /** The tag value on the metrics. */
  public String tag() {
    return tag;
  }

  public static MessageType of(YMessage message) {
    return switch (message) {
      case YMessage.SyncStep1 m -> SYNC_STEP1;
      case YMessage.SyncStep2 m -> SYNC_STEP2;
      case YMessage.SyncUpdate m -> SYNC_UPDATE;
      case YMessage.Awareness m -> AWARENESS;
      case YMessage.QueryAwareness m -> QUERY_AWARENESS;
      case YMessage.Auth m -> AUTH;
    };
  }

  /**
   * The kind of an encoded message from its first two bytes (message type, then the sync step):
   * every type and step is below 128, so each is one varUint byte. Null for anything else.
   */
  public static MessageType ofEncoded(int first, int second) {
    return switch (first) {
      case YMessage.TYPE_SYNC ->
          switch (second) {
            case 0 -> SYNC_STEP1;
            case 1 -> SYNC_STEP2;
            case 2 -> SYNC_UPDATE;
            default -> null;
          };
      case YMessage.TYPE_AWARENESS -> AWARENESS;
      case YMessage.TYPE_AUTH -> AUTH;
      case YMessage.TYPE_QUERY_AWARENESS -> QUERY_AWARENESS;
      default -> null;
    };
  }
}
