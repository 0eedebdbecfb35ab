package dev.symphony.server.protocol;

/** Encodes y-websocket messages into the bytes of one binary frame. */
public final class MessageEncoder {

  private MessageEncoder() {}

  public static byte[] encode(YMessage message) {
    return switch (message) {
      case YMessage.SyncStep1 m -> sync(0, m.stateVector());
      case YMessage.SyncStep2 m -> sync(1, m.update());
      case YMessage.SyncUpdate m -> sync(2, m.update());
      case YMessage.Awareness m ->
          new Lib0Writer(1 + Lib0Writer.varUintSize(m.update().length) + m.update().length)
              .writeVarUint(YMessage.TYPE_AWARENESS)
              .writeVarUint8Array(m.update())
              .toByteArray();
      case YMessage.Auth m ->
          new Lib0Writer()
              .writeVarUint(YMessage.TYPE_AUTH)
              .writeVarUint(m.kind())
              .writeVarString(m.reason())
              .toByteArray();
      case YMessage.QueryAwareness m ->
          new Lib0Writer(1).writeVarUint(YMessage.TYPE_QUERY_AWARENESS).toByteArray();
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
    // Sized exactly, so large updates are not copied once more by toByteArray().
    return new Lib0Writer(2 + Lib0Writer.varUintSize(payload.length) + payload.length)
        .writeVarUint(YMessage.TYPE_SYNC)
        .writeVarUint(step)
        .writeVarUint8Array(payload)
        .toByteArray();
  }
}
