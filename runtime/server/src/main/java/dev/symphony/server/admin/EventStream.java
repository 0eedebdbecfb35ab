package dev.symphony.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server-sent event stream: {@code event: metrics} with a JSON snapshot, at once and then every
 * period, until the client goes away. Runs on the channel's event loop.
 */
final class EventStream {

  private static final Logger log = LoggerFactory.getLogger(EventStream.class);

  private EventStream() {}

  static void start(ChannelHandlerContext ctx, Supplier<Object> snapshot, Duration period) {
    // The stream is one long response the client never answers: the transport's idle timeout
    // (meant for silent WebSocket peers) must not cut it.
    if (ctx.pipeline().get("idle") != null) {
      ctx.pipeline().remove("idle");
    }
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    HttpUtil.setTransferEncodingChunked(response, true);
    ctx.write(response);
    ctx.writeAndFlush(chunk("retry: 2000\n\n"));
    Runnable tick =
        () -> {
          if (!ctx.channel().isActive()) {
            return;
          }
          try {
            String json = HttpReplies.JSON.writeValueAsString(snapshot.get());
            ctx.writeAndFlush(chunk("event: metrics\ndata: " + json + "\n\n"))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
          } catch (JsonProcessingException | RuntimeException e) {
            log.warn("event stream to {} failed: {}", ctx.channel().remoteAddress(), e.toString());
            ctx.close();
          }
        };
    tick.run();
    var timer =
        ctx.executor()
            .scheduleAtFixedRate(tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    ctx.channel().closeFuture().addListener(closed -> timer.cancel(false));
  }

  private static DefaultHttpContent chunk(String text) {
    return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }
}
