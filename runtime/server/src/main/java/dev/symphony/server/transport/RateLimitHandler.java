package dev.symphony.server.transport;

import dev.symphony.server.auth.Limits;
import dev.symphony.server.auth.MessageRateLimiter;
import dev.symphony.server.auth.RejectionCounters;
import dev.symphony.server.protocol.YMessage;
import dev.symphony.server.room.CloseCodes;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-connection rate limits on the messages a client sends, document updates and awareness apart
 * (see {@link MessageRateLimiter}). Over the limit it stops reading from the socket until the
 * buckets recover, so TCP pushes back on the sender; a client that keeps flooding is closed with
 * 1008. Sits between the frame aggregator and the room handler; reads only the message type bytes.
 */
final class RateLimitHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(RateLimitHandler.class);

  private final String roomId;
  private final RejectionCounters rejections;
  private final MessageRateLimiter limiter;
  private final ArrayDeque<BinaryWebSocketFrame> held = new ArrayDeque<>();
  private boolean paused;
  private boolean closing;

  RateLimitHandler(String roomId, Limits limits, RejectionCounters rejections) {
    this.roomId = roomId;
    this.rejections = rejections;
    this.limiter = new MessageRateLimiter(limits, System.nanoTime());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (closing) {
      if (msg instanceof CloseWebSocketFrame) {
        ctx.close(); // the flooder answered our close: no need to linger
      }
      ReferenceCountUtil.release(msg);
      return;
    }
    if (!(msg instanceof BinaryWebSocketFrame frame)) {
      super.channelRead(ctx, msg);
      return;
    }
    if (paused) {
      // Already read from the socket in this batch: held back and delivered at the allowed rate,
      // so a backlog never reaches the room as one burst. Bounded by one read batch.
      held.add(frame);
      return;
    }
    handle(ctx, frame);
  }

  /** Accounts and delivers one message; false when it paused or closed the connection. */
  private boolean handle(ChannelHandlerContext ctx, BinaryWebSocketFrame frame) {
    switch (account(frame.content())) {
      case MessageRateLimiter.Pass pass -> {
        ctx.fireChannelRead(frame);
        return true;
      }
      case MessageRateLimiter.Throttle throttle -> {
        // The message itself is delivered (never dropped silently); reading pauses.
        ctx.fireChannelRead(frame);
        pause(ctx, throttle.pauseNanos());
        return false;
      }
      case MessageRateLimiter.Close close -> {
        ReferenceCountUtil.release(frame);
        closeForFlooding(ctx, close.reason());
        return false;
      }
    }
  }

  private void closeForFlooding(ChannelHandlerContext ctx, String reason) {
    closing = true;
    releaseHeld();
    rejections.record(RejectionCounters.RATE_LIMITED);
    log.warn(
        "closing connection: room={} remote={} code={} reason={}",
        roomId,
        ctx.channel().remoteAddress(),
        CloseCodes.POLICY_VIOLATION,
        reason);
    WebSocketHandler.closeLingering(
        ctx.channel(), new CloseWebSocketFrame(CloseCodes.POLICY_VIOLATION, reason));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    releaseHeld();
    super.channelInactive(ctx);
  }

  private void releaseHeld() {
    BinaryWebSocketFrame frame;
    while ((frame = held.poll()) != null) {
      ReferenceCountUtil.release(frame);
    }
  }

  private void resume(ChannelHandlerContext ctx) {
    paused = false;
    if (closing || !ctx.channel().isActive()) {
      releaseHeld();
      return;
    }
    BinaryWebSocketFrame frame;
    while ((frame = held.poll()) != null) {
      if (!handle(ctx, frame)) {
        return; // paused again (or closed): the rest waits for the next resume
      }
    }
    ctx.channel().config().setAutoRead(true);
  }

  private MessageRateLimiter.Verdict account(ByteBuf content) {
    int bytes = content.readableBytes();
    long now = System.nanoTime();
    int type = bytes > 0 ? content.getUnsignedByte(content.readerIndex()) : -1;
    // Everything but awareness counts as document traffic: a flood of sync step 1 or queries
    // costs the room as much work as updates do.
    return type == YMessage.TYPE_AWARENESS
        ? limiter.awareness(bytes, now)
        : limiter.update(bytes, now);
  }

  private void pause(ChannelHandlerContext ctx, long nanos) {
    paused = true;
    rejections.record(RejectionCounters.THROTTLED);
    ctx.channel().config().setAutoRead(false);
    ctx.executor()
        .schedule(
            () -> resume(ctx),
            Math.max(nanos, TimeUnit.MILLISECONDS.toNanos(1)),
            TimeUnit.NANOSECONDS);
  }
}
