package dev.symphony.server.transport;

import dev.symphony.server.auth.RoomGrant;
import dev.symphony.server.metrics.MessageType;
import dev.symphony.server.metrics.RejectReason;
import dev.symphony.server.protocol.MalformedMessageException;
import dev.symphony.server.protocol.MessageDecoder;
import dev.symphony.server.protocol.YMessage;
import dev.symphony.server.room.CloseCodes;
import dev.symphony.server.room.RoomRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's WebSocket after the upgrade: decodes each binary message and hands it to the room,
 * answers control frames, keeps the connection alive with pings, and turns bad input into a close
 * of this connection only.
 */
final class WebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  private static final Logger log = LoggerFactory.getLogger(WebSocketHandler.class);

  private final RoomRegistry registry;
  private final String roomId;
  private final Map<String, List<String>> parameters;
  private final RoomGrant grant;
  private final WebSocketServerHandshaker handshaker;
  private ChannelConnection connection;
  private boolean pingSent;

  WebSocketHandler(
      RoomRegistry registry,
      String roomId,
      Map<String, List<String>> parameters,
      RoomGrant grant,
      WebSocketServerHandshaker handshaker) {
    this.registry = registry;
    this.roomId = roomId;
    this.parameters = parameters;
    this.grant = grant;
    this.handshaker = handshaker;
  }

  /** The 101 response is out: the client is a member-to-be of its room. */
  void handshakeComplete(Channel channel) {
    connection =
        new ChannelConnection(channel, roomId, parameters, grant).reportingTo(registry.metrics());
    registry.metrics().connectionsChanged(1);
    registry.join(roomId, connection);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    pingSent = false;
    if (connection == null || connection.isClosing()) {
      if (frame instanceof CloseWebSocketFrame) {
        ctx.close(); // the client answered our close: no need to linger
      }
      return;
    }
    switch (frame) {
      case BinaryWebSocketFrame binary -> onMessage(ByteBufUtil.getBytes(binary.content()));
      case TextWebSocketFrame text ->
          refuse(
              CloseCodes.UNSUPPORTED_DATA, "text frames are not part of the y-websocket protocol");
      case PingWebSocketFrame ping ->
          ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
      case PongWebSocketFrame pong -> {}
      case CloseWebSocketFrame close -> handshaker.close(ctx.channel(), close.retain());
      default ->
          refuse(
              CloseCodes.UNSUPPORTED_DATA, "unexpected frame " + frame.getClass().getSimpleName());
    }
  }

  private void onMessage(byte[] bytes) {
    YMessage message;
    try {
      message = MessageDecoder.decode(bytes);
    } catch (MalformedMessageException e) {
      refuse(e.closeCode(), e.getMessage());
      return;
    }
    registry.metrics().received(MessageType.of(message), bytes.length);
    registry.deliver(roomId, connection, message);
  }

  private void refuse(int closeCode, String reason) {
    log.warn(
        "closing connection: room={} remote={} code={} reason={}",
        roomId,
        connection.remoteAddress(),
        closeCode,
        reason);
    registry.metrics().rejected(RejectReason.MALFORMED_MESSAGE);
    connection.close(closeCode, reason);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (!(event instanceof IdleStateEvent)) {
      super.userEventTriggered(ctx, event);
      return;
    }
    if (pingSent) {
      log.info(
          "closing silent connection: room={} remote={}", roomId, ctx.channel().remoteAddress());
      ctx.close();
    } else {
      pingSent = true;
      ctx.writeAndFlush(new PingWebSocketFrame());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (connection != null) {
      registry.leave(roomId, connection);
      registry.metrics().connectionsChanged(-1);
    }
    super.channelInactive(ctx);
  }

  private static final long LINGER_SECONDS = 2;

  /**
   * Sends the close frame, then keeps reading (the frame decoder discards everything after a
   * violation) until the client closes or {@value #LINGER_SECONDS} s pass. Closing at once while
   * the client is still sending the rest of an oversized frame would make the socket reset, and the
   * client could lose the close frame and its reason.
   */
  static void closeLingering(Channel channel, CloseWebSocketFrame closeFrame) {
    channel.config().setAutoRead(true);
    channel
        .writeAndFlush(closeFrame)
        .addListener(
            written ->
                channel
                    .eventLoop()
                    .schedule(() -> channel.close(), LINGER_SECONDS, TimeUnit.SECONDS));
  }

  private static void closeLingering(ChannelHandlerContext ctx, CloseWebSocketFrame closeFrame) {
    closeLingering(ctx.channel(), closeFrame);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    String remote = String.valueOf(ctx.channel().remoteAddress());
    if (cause instanceof CorruptedWebSocketFrameException corrupt) {
      log.warn(
          "closing connection: room={} remote={} code={} reason={}",
          roomId,
          remote,
          corrupt.closeStatus().code(),
          corrupt.getMessage());
      registry
          .metrics()
          .rejected(
              corrupt.closeStatus().code() == CloseCodes.MESSAGE_TOO_BIG
                  ? RejectReason.MESSAGE_TOO_BIG
                  : RejectReason.MALFORMED_MESSAGE);
      closeLingering(ctx, new CloseWebSocketFrame(corrupt.closeStatus()));
    } else if (cause instanceof TooLongFrameException) {
      log.warn(
          "closing connection: room={} remote={} code={} reason={}",
          roomId,
          remote,
          CloseCodes.MESSAGE_TOO_BIG,
          cause.getMessage());
      registry.metrics().rejected(RejectReason.MESSAGE_TOO_BIG);
      closeLingering(ctx, new CloseWebSocketFrame(CloseCodes.MESSAGE_TOO_BIG, "message too big"));
    } else if (cause instanceof IOException
        || cause instanceof java.util.concurrent.RejectedExecutionException) {
      // The peer went away, or the server is stopping: nothing anyone needs to act on.
      log.debug("connection error: room={} remote={}: {}", roomId, remote, cause.toString());
      ctx.close();
    } else {
      log.warn("connection failed: room={} remote={}: {}", roomId, remote, cause.toString(), cause);
      ctx.close();
    }
  }
}
