package dev.symphony.server.transport;

import dev.symphony.server.auth.RejectionCounters;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose HTTP request does not arrive in full within the handshake timeout
 * (slowloris: a client trickling header bytes to hold a socket open). The clock starts when the
 * connection opens and again at each new request, and stops when a request is complete.
 */
final class HandshakeTimeoutHandler extends ChannelDuplexHandler {

  private static final Logger log = LoggerFactory.getLogger(HandshakeTimeoutHandler.class);

  private final Duration timeout;
  private final RejectionCounters rejections;
  private ScheduledFuture<?> timer;

  HandshakeTimeoutHandler(Duration timeout, RejectionCounters rejections) {
    this.timeout = timeout;
    this.rejections = rejections;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest && timer == null) {
      arm(ctx);
    }
    if (msg instanceof LastHttpContent) {
      cancel();
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  private void arm(ChannelHandlerContext ctx) {
    cancel();
    timer =
        ctx.executor()
            .schedule(
                () -> {
                  timer = null;
                  rejections.record(RejectionCounters.HANDSHAKE_TIMEOUT);
                  log.info(
                      "closing connection: remote={} reason=no complete HTTP request within {}",
                      ctx.channel().remoteAddress(),
                      timeout);
                  ctx.close();
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
