package dev.symphony.load.protocol;

import dev.symphony.load.protocol.YMessage.AwarenessEntry;
import dev.symphony.yjs.YjsDecodingException;
import dev.symphony.yjs.codec.Lib0Reader;
import dev.symphony.yjs.codec.Lib0Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes y-websocket messages exactly as {@code y-protocols} writes them: a var-uint
 * message type ({@code 0} sync, {@code 1} awareness, {@code 2} auth, {@code 3} query-awareness),
 * then the payload. A sync message carries a var-uint step ({@code 0} step 1, {@code 1} step 2,
 * {@code 2} update) and a length-prefixed byte array.
 */
public final class YWebsocketCodec {

  public static final int MESSAGE_SYNC = 0;
  public static final int MESSAGE_AWARENESS = 1;
  public static final int MESSAGE_AUTH = 2;
  public static final int MESSAGE_QUERY_AWARENESS = 3;

  public static final int SYNC_STEP1 = 0;
  public static final int SYNC_STEP2 = 1;
  public static final int SYNC_UPDATE = 2;

  private YWebsocketCodec() {}

  public static byte[] syncStep1(byte[] stateVector) {
    return sync(SYNC_STEP1, stateVector);
  }

  public static byte[] syncStep2(byte[] update) {
    return sync(SYNC_STEP2, update);
  }

  public static byte[] syncUpdate(byte[] update) {
    return sync(SYNC_UPDATE, update);
  }

  private static byte[] sync(int step, byte[] payload) {
    Lib0Writer out = new Lib0Writer(payload.length + 8);
    out.writeVarUint(MESSAGE_SYNC);
    out.writeVarUint(step);
    out.writeVarUint8Array(payload);
    return out.toByteArray();
  }

  /** An awareness message: count, then (client id, clock, JSON state) for each entry. */
  public static byte[] awareness(List<AwarenessEntry> entries) {
    Lib0Writer update = new Lib0Writer();
    update.writeVarUint(entries.size());
    for (AwarenessEntry entry : entries) {
      update.writeVarUint(entry.clientId());
      update.writeVarUint(entry.clock());
      update.writeVarString(entry.json());
    }
    byte[] payload = update.toByteArray();
    Lib0Writer out = new Lib0Writer(payload.length + 8);
    out.writeVarUint(MESSAGE_AWARENESS);
    out.writeVarUint8Array(payload);
    return out.toByteArray();
  }

  /** Decodes one message starting at the reader's position (the rest is the message). */
  public static YMessage decode(Lib0Reader in) throws YjsDecodingException {
    int type = (int) in.readVarUint();
    return switch (type) {
      case MESSAGE_SYNC -> decodeSync(in);
      case MESSAGE_AWARENESS -> new YMessage.Awareness(decodeAwareness(in.readVarUint8Array()));
      case MESSAGE_AUTH -> decodeAuth(in);
      case MESSAGE_QUERY_AWARENESS -> new YMessage.QueryAwareness();
      default -> new YMessage.Ignored(type);
    };
  }

  public static YMessage decode(byte[] message) throws YjsDecodingException {
    return decode(new Lib0Reader(message));
  }

  static YMessage decodeSync(Lib0Reader in) throws YjsDecodingException {
    int step = (int) in.readVarUint();
    byte[] payload = in.readVarUint8Array();
    return switch (step) {
      case SYNC_STEP1 -> new YMessage.SyncStep1(payload);
      case SYNC_STEP2 -> new YMessage.SyncStep2(payload);
      case SYNC_UPDATE -> new YMessage.SyncUpdate(payload);
      default -> throw new YjsDecodingException("unknown sync step " + step);
    };
  }

  /** y-websocket's auth message: {@code 0} permission denied, followed by the reason. */
  private static YMessage decodeAuth(Lib0Reader in) throws YjsDecodingException {
    int kind = (int) in.readVarUint();
    String reason = in.hasRemaining() ? in.readVarString() : "";
    return new YMessage.Auth(false, kind == 0 ? reason : "auth message " + kind + ": " + reason);
  }

  static List<AwarenessEntry> decodeAwareness(byte[] update) throws YjsDecodingException {
    Lib0Reader in = new Lib0Reader(update);
    int count = in.readCount("awareness entries");
    List<AwarenessEntry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long clientId = in.readVarUint();
      long clock = in.readVarUint();
      entries.add(new AwarenessEntry(clientId, clock, in.readVarString()));
    }
    return entries;
  }
}
