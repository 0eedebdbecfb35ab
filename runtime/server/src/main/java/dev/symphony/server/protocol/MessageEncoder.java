package dev.symphony.server.protocol;

import dev.symphony.yjs.codec.Lib0Writer;

/** Encodes y-websocket messages into the bytes of one binary frame. */
public final class MessageEncoder {

  private MessageEncoder() {}

  public static byte[] encode(YMessage message) {
    return switch (message) {
      case YMessage.SyncStep1 m -> sync(0, m.stateVector());
      case YMessage.SyncStep2 m -> sync(1, m.update());
      case YMessage.SyncUpdate m -> sync(2, m.update());
      case YMessage.Awareness m -> {
        Lib0Writer writer = new Lib0Writer(m.update().length + 6);
        writer.writeVarUint(YMessage.TYPE_AWARENESS);
        writer.writeVarUint8Array(m.update());
        yield writer.toByteArray();
      }
      case YMessage.Auth m -> {
        Lib0Writer writer = new Lib0Writer();
        writer.writeVarUint(YMessage.TYPE_AUTH);
        writer.writeVarUint(m.kind());
        writer.writeVarString(m.reason());
        yield writer.toByteArray();
      }
      case YMessage.QueryAwareness m -> new byte[] {YMessage.TYPE_QUERY_AWARENESS};
    };
  }

  public static byte[] syncStep1(byte[] stateVector) {
    return sync(0, stateVector);
  }

  public static byte[] syncStep2(byte[] update) {
    return sync(1, update);
  }

  public static byte[] update(byte[] update) {
    return sync(2, update);
  }

  public static byte[] awareness(byte[] awarenessUpdate) {
    return encode(new YMessage.Awareness(awarenessUpdate));
  }

  private static byte[] sync(int step, byte[] payload) {
    Lib0Writer writer = new Lib0Writer(payload.length + 12);
    writer.writeVarUint(YMessage.TYPE_SYNC);
    writer.writeVarUint(step);
    writer.writeVarUint8Array(payload);
    return writer.toByteArray();
  }
}
