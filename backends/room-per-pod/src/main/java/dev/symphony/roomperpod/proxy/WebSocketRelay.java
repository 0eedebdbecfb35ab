package dev.symphony.roomperpod.proxy;

import dev.symphony.server.room.CloseCodes;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a client's WebSocket upgrade to its room's backend: once the backend is connected, the
 * upgrade request is sent to it as received and from then on both connections are byte pipes (the
 * backend answers the handshake and every frame itself). When no backend can be had the proxy
 * completes the handshake itself and closes with 1013 (try again later) and the reason, which the
 * y-websocket provider answers by reconnecting.
 */
final class WebSocketRelay {

  private static final Logger log = LoggerFactory.getLogger(WebSocketRelay.class);
  private static final String ENCODER = "upgrade-encoder";
  private static final int MAX_REASON_BYTES = 123;

  private final BackendConnector connector;
  private final ProxyMetrics metrics;

  WebSocketRelay(BackendConnector connector, ProxyMetrics metrics) {
    this.connector = connector;
    this.metrics = metrics;
  }

  /** Takes ownership of {@code request}. */
  void relay(ChannelHandlerContext ctx, FullHttpRequest request, String roomId) {
    Channel client = ctx.channel();
    client.config().setAutoRead(false);
    connector
        .connect(
            client,
            roomId,
            new ChannelInitializer<>() {
              @Override
              protected void initChannel(Channel backend) {
                backend.pipeline().addLast(ENCODER, new HttpRequestEncoder());
              }
            })
        .whenComplete(
            (backend, failure) ->
                client
                    .eventLoop()
                    .execute(
                        () -> {
                          if (failure != null) {
                            refuse(ctx, request, failure.getMessage());
                          } else {
                            pipe(ctx, request, backend);
                          }
                        }));
  }

  private void pipe(ChannelHandlerContext ctx, FullHttpRequest request, Channel backend) {
    Channel client = ctx.channel();
    if (!client.isActive()) {
      request.release();
      backend.close();
      return;
    }
    backend.pipeline().addLast(new Relay(client, metrics.toClient()));
    backend.writeAndFlush(request);
    backend.pipeline().remove(ENCODER);
    ChannelPipeline pipeline = client.pipeline();
    pipeline.addLast(new Relay(backend, metrics.toBackend()));
    // Bytes the HTTP decoder still holds pass on to the relay when it is removed.
    pipeline.remove(ProxyChannelInitializer.AGGREGATOR);
    pipeline.remove(ProxyChannelInitializer.CODEC);
    pipeline.remove(ctx.handler());
    backend.config().setAutoRead(true);
    client.config().setAutoRead(true);
  }

  private static void refuse(ChannelHandlerContext ctx, FullHttpRequest request, String reason) {
    Channel client = ctx.channel();
    try {
      if (!client.isActive()) {
        return;
      }
      log.info("client for {} refused: {}", request.uri(), reason);
      WebSocketServerHandshaker handshaker =
          new WebSocketServerHandshakerFactory(
                  "ws://"
                      + request.headers().get(HttpHeaderNames.HOST, "localhost")
                      + request.uri(),
                  null,
                  false)
              .newHandshaker(request);
      if (handshaker == null) {
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(client);
        return;
      }
      handshaker
          .handshake(client, request)
          .addListener(
              (ChannelFutureListener)
                  done ->
                      client
                          .writeAndFlush(
                              new CloseWebSocketFrame(
                                  CloseCodes.TRY_AGAIN_LATER, fitReason(reason)))
                          .addListener(ChannelFutureListener.CLOSE));
    } finally {
      request.release();
    }
  }

  /** A close reason is at most 123 UTF-8 bytes. */
  static String fitReason(String reason) {
    String text = reason == null ? "room backend unavailable" : reason;
    while (text.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }
}
