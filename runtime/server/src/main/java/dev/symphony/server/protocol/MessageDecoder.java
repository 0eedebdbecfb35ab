package dev.symphony.server.protocol;

import static dev.symphony.server.protocol.MalformedMessageException.INVALID_PAYLOAD;
import static dev.symphony.server.protocol.MalformedMessageException.UNSUPPORTED_DATA;

import dev.symphony.yjs.YjsDecodingException;
import dev.symphony.yjs.codec.Lib0Reader;

/**
 * Decodes one y-websocket message from one binary frame. The frame must hold exactly one message:
 * the y-websocket and y-protocols clients never append anything, so trailing bytes mean the frame
 * is corrupt.
 */
public final class MessageDecoder {

  private static final int SYNC_STEP1 = 0;
  private static final int SYNC_STEP2 = 1;
  private static final int SYNC_UPDATE = 2;

  private MessageDecoder() {}

  public static YMessage decode(byte[] frame) throws MalformedMessageException {
    try {
      return decodeFrame(frame);
    } catch (YjsDecodingException e) {
      throw new MalformedMessageException(INVALID_PAYLOAD, e.getMessage());
    }
  }

  private static YMessage decodeFrame(byte[] frame)
      throws MalformedMessageException, YjsDecodingException {
    if (frame.length == 0) {
      throw new MalformedMessageException(INVALID_PAYLOAD, "empty message");
    }
    Lib0Reader reader = new Lib0Reader(frame);
    long type = reader.readVarUint();
    YMessage message =
        switch ((int) Math.min(type, Integer.MAX_VALUE)) {
          case YMessage.TYPE_SYNC -> decodeSync(reader);
          case YMessage.TYPE_AWARENESS -> new YMessage.Awareness(reader.readVarUint8Array());
          case YMessage.TYPE_AUTH -> decodeAuth(reader);
          case YMessage.TYPE_QUERY_AWARENESS -> new YMessage.QueryAwareness();
          default ->
              throw new MalformedMessageException(UNSUPPORTED_DATA, "unknown message type " + type);
        };
    if (reader.hasRemaining()) {
      throw new MalformedMessageException(
          INVALID_PAYLOAD,
          "unexpected " + (frame.length - reader.position()) + " bytes after the message");
    }
    return message;
  }

  private static YMessage decodeSync(Lib0Reader reader)
      throws MalformedMessageException, YjsDecodingException {
    long step = reader.readVarUint();
    return switch ((int) Math.min(step, Integer.MAX_VALUE)) {
      case SYNC_STEP1 -> new YMessage.SyncStep1(reader.readVarUint8Array());
      case SYNC_STEP2 -> new YMessage.SyncStep2(reader.readVarUint8Array());
      case SYNC_UPDATE -> new YMessage.SyncUpdate(reader.readVarUint8Array());
      default -> throw new MalformedMessageException(UNSUPPORTED_DATA, "unknown sync step " + step);
    };
  }

  private static YMessage decodeAuth(Lib0Reader reader)
      throws MalformedMessageException, YjsDecodingException {
    int kind = reader.readVarUintAsInt("auth message kind");
    if (kind != YMessage.Auth.PERMISSION_DENIED) {
      throw new MalformedMessageException(UNSUPPORTED_DATA, "unknown auth message kind " + kind);
    }
    return new YMessage.Auth(kind, reader.readVarString());
  }
}
