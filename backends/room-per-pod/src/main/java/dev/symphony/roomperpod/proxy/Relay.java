package dev.symphony.roomperpod.proxy;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Copies the bytes read on one channel to its peer, as they come: after the WebSocket handshake the
 * proxy relays frames untouched, so close codes and reasons from the room pass through as sent.
 * Back-pressure: while the peer cannot take more, this side stops reading; the peer's relay resumes
 * it when the peer drains.
 */
final class Relay extends ChannelInboundHandlerAdapter {

  private final Channel peer;
  private final Counter bytes;

  Relay(Channel peer, Counter bytes) {
    this.peer = peer;
    this.bytes = bytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf) {
      bytes.increment(buf.readableBytes());
    }
    peer.writeAndFlush(msg)
        .addListener(
            (ChannelFutureListener)
                written -> {
                  if (!written.isSuccess()) {
                    ctx.close();
                  }
                });
    if (!peer.isWritable()) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  /** This side drained: the peer, whose bytes were waiting to be written here, may read again. */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      peer.config().setAutoRead(true);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closeAfterFlush(peer);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  static void closeAfterFlush(Channel channel) {
    if (channel.isActive()) {
      channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
