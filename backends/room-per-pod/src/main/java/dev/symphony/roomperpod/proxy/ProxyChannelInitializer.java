package dev.symphony.roomperpod.proxy;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/** A client connection starts as HTTP: one request, then a relay or an answer. */
final class ProxyChannelInitializer extends ChannelInitializer<SocketChannel> {

  static final String CODEC = "http-codec";
  static final String AGGREGATOR = "http-aggregator";

  private final ProxyRequestHandler.Routes routes;
  private final int maxRequestBytes;

  ProxyChannelInitializer(ProxyRequestHandler.Routes routes, int maxRequestBytes) {
    this.routes = routes;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channel
        .pipeline()
        .addLast(CODEC, new HttpServerCodec())
        .addLast(AGGREGATOR, new HttpObjectAggregator(maxRequestBytes))
        .addLast(new ProxyRequestHandler(routes));
  }
}
