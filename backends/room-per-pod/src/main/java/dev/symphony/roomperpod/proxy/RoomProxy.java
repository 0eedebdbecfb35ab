package dev.symphony.roomperpod.proxy;

import dev.symphony.roomperpod.orchestrator.RoomOrchestrator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The room-per-pod proxy: a stateless Netty server that sends each client to its room's backend,
 * which the orchestrator starts on demand. It owns neither the orchestrator nor the metrics.
 */
public final class RoomProxy implements AutoCloseable {

  private final EventLoopGroup group;
  private final Channel server;
  private volatile boolean stopping;

  private RoomProxy(EventLoopGroup group, Channel server) {
    this.group = group;
    this.server = server;
  }

  /** Listens on {@code settings.host():settings.port()}. */
  public static RoomProxy start(
      ProxySettings settings, RoomOrchestrator orchestrator, ProxyMetrics metrics)
      throws InterruptedException {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            0, new DefaultThreadFactory("proxy", true), NioIoHandler.newFactory());
    RoomProxy[] self = new RoomProxy[1];
    BackendConnector connector = new BackendConnector(orchestrator, settings.readyTimeout());
    ProxyRequestHandler.Routes routes =
        new ProxyRequestHandler.Routes(
            new WebSocketRelay(connector, metrics),
            new ApiRelay(connector, metrics, settings.maxRequestBytes()),
            metrics,
            () -> self[0] != null && !self[0].stopping);
    try {
      Channel server =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(new ProxyChannelInitializer(routes, settings.maxRequestBytes()))
              .bind(settings.host(), settings.port())
              .sync()
              .channel();
      metrics.watch(orchestrator);
      self[0] = new RoomProxy(group, server);
      return self[0];
    } catch (RuntimeException | InterruptedException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** Stops accepting and closes every relayed connection. */
  @Override
  public void close() {
    stopping = true;
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
