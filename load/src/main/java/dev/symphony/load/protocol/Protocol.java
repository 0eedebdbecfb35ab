package dev.symphony.load.protocol;

import dev.symphony.yjs.YjsDecodingException;
import dev.symphony.yjs.codec.Lib0Reader;
import dev.symphony.yjs.codec.Lib0Writer;
import java.util.List;
import java.util.Locale;

/**
 * How a server frames y-websocket messages on the wire. Symphony and {@code @y/websocket-server}
 * send them bare, one per WebSocket frame. Hocuspocus multiplexes documents over one socket, so it
 * prefixes each message with the document name, answers a sync step 1 with an extra type ({@code
 * 4}, sync reply), acknowledges updates ({@code 8}, sync status) and only starts after an auth
 * message.
 */
public enum Protocol {
  Y_WEBSOCKET("y-websocket") {
    @Override
    public byte[] wrap(String room, byte[] message) {
      return message;
    }

    @Override
    public YMessage unwrap(byte[] frame) throws YjsDecodingException {
      return YWebsocketCodec.decode(frame);
    }

    @Override
    public List<byte[]> handshake(String room) {
      return List.of();
    }
  },

  HOCUSPOCUS("hocuspocus") {
    static final int SYNC_REPLY = 4;
    static final int AUTH_TOKEN = 0;
    static final int AUTH_PERMISSION_DENIED = 1;
    static final int AUTH_AUTHENTICATED = 2;

    @Override
    public byte[] wrap(String room, byte[] message) {
      Lib0Writer out = new Lib0Writer(message.length + room.length() + 4);
      out.writeVarString(room);
      out.writeBytes(message);
      return out.toByteArray();
    }

    @Override
    public YMessage unwrap(byte[] frame) throws YjsDecodingException {
      Lib0Reader in = new Lib0Reader(frame);
      in.readVarString(); // the document name: one socket per room here, so always ours
      int position = in.position();
      int type = (int) in.readVarUint();
      return switch (type) {
        case YWebsocketCodec.MESSAGE_SYNC, SYNC_REPLY -> YWebsocketCodec.decodeSync(in);
        case YWebsocketCodec.MESSAGE_AUTH -> decodeAuth(in);
        case YWebsocketCodec.MESSAGE_AWARENESS, YWebsocketCodec.MESSAGE_QUERY_AWARENESS ->
            YWebsocketCodec.decode(new Lib0Reader(frame, position, frame.length - position));
        default -> new YMessage.Ignored(type);
      };
    }

    private YMessage decodeAuth(Lib0Reader in) throws YjsDecodingException {
      int kind = (int) in.readVarUint();
      return switch (kind) {
        case AUTH_AUTHENTICATED -> new YMessage.Auth(true, in.readVarString());
        case AUTH_PERMISSION_DENIED -> new YMessage.Auth(false, in.readVarString());
        // the server asks for a token again; we have only the one we sent
        default -> new YMessage.Auth(false, "token requested (auth message " + kind + ")");
      };
    }

    /** The provider's first message: an auth token (empty: the server runs no auth hook). */
    @Override
    public List<byte[]> handshake(String room) {
      Lib0Writer out = new Lib0Writer();
      out.writeVarUint(YWebsocketCodec.MESSAGE_AUTH);
      out.writeVarUint(AUTH_TOKEN);
      out.writeVarString("");
      return List.of(wrap(room, out.toByteArray()));
    }
  };

  private final String id;

  Protocol(String id) {
    this.id = id;
  }

  /** The name used in settings ({@code -Dload.protocol=...}) and reports. */
  public String id() {
    return id;
  }

  public static Protocol fromId(String id) {
    for (Protocol protocol : values()) {
      if (protocol.id.equals(id.toLowerCase(Locale.ROOT))) {
        return protocol;
      }
    }
    throw new IllegalArgumentException(
        "unknown protocol '" + id + "' (y-websocket or hocuspocus expected)");
  }

  /** Frames one y-websocket message for the given room. */
  public abstract byte[] wrap(String room, byte[] message);

  /** Removes the framing and decodes the message inside. */
  public abstract YMessage unwrap(byte[] frame) throws YjsDecodingException;

  /** Messages a client sends right after the socket opens, before its sync step 1. */
  public abstract List<byte[]> handshake(String room);

  /** Whether this frame answers the handshake ({@link YMessage.Auth}). */
  public boolean isHandshakeReply(byte[] frame) {
    return decodeQuietly(frame) instanceof YMessage.Auth;
  }

  /** Whether this handshake reply lets us in. */
  public boolean isGranted(byte[] frame) {
    return decodeQuietly(frame) instanceof YMessage.Auth auth && auth.granted();
  }

  /** Whether this frame is the sync step 2 that completes a client's initial sync. */
  public boolean isSyncStep2(byte[] frame) {
    return decodeQuietly(frame) instanceof YMessage.SyncStep2;
  }

  private YMessage decodeQuietly(byte[] frame) {
    try {
      return unwrap(frame);
    } catch (YjsDecodingException | RuntimeException e) {
      return new YMessage.Ignored(-1);
    }
  }
}
