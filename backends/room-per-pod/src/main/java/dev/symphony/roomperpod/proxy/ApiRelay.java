package dev.symphony.roomperpod.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Relays an HTTP request under {@code /api/rooms/<room-id>/...} (the room's document API) to the
 * room's backend, starting it when needed, and its response back. One backend connection per
 * request; the client's connection reads its next request only once this one is answered.
 */
final class ApiRelay {

  private final BackendConnector connector;
  private final ProxyMetrics metrics;
  private final int maxResponseBytes;

  ApiRelay(BackendConnector connector, ProxyMetrics metrics, int maxResponseBytes) {
    this.connector = connector;
    this.metrics = metrics;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** Takes ownership of {@code request}. */
  void relay(ChannelHandlerContext ctx, FullHttpRequest request, String roomId) {
    Channel client = ctx.channel();
    client.config().setAutoRead(false);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    connector
        .connect(
            client,
            roomId,
            new ChannelInitializer<>() {
              @Override
              protected void initChannel(Channel backend) {
                backend
                    .pipeline()
                    .addLast(new HttpClientCodec())
                    .addLast(new HttpObjectAggregator(maxResponseBytes))
                    .addLast(new ResponseToClient(client, keepAlive));
              }
            })
        .whenComplete(
            (backend, failure) ->
                client
                    .eventLoop()
                    .execute(
                        () -> {
                          if (failure != null) {
                            request.release();
                            HttpReplies.text(
                                ctx,
                                keepAlive,
                                HttpResponseStatus.SERVICE_UNAVAILABLE,
                                failure.getMessage() + "\n");
                            client.config().setAutoRead(true);
                          } else {
                            metrics.toBackend().increment(request.content().readableBytes());
                            request
                                .headers()
                                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                            backend.writeAndFlush(request);
                            backend.config().setAutoRead(true);
                          }
                        }));
  }

  /** Hands the backend's response to the client and closes the backend connection. */
  private final class ResponseToClient extends SimpleChannelInboundHandler<FullHttpResponse> {

    private final Channel client;
    private final boolean keepAlive;

    ResponseToClient(Channel client, boolean keepAlive) {
      this.client = client;
      this.keepAlive = keepAlive;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      ctx.close();
      metrics.toClient().increment(response.content().readableBytes());
      HttpUtil.setKeepAlive(response, keepAlive);
      client
          .writeAndFlush(response.retain())
          .addListener(
              keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
      client.config().setAutoRead(true);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
      if (client.isActive()) {
        client.close();
      }
    }
  }
}
