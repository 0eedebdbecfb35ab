package dev.symphony.server.transport;

import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The listening side: one port serving HTTP probes and y-websocket connections. The event loops
 * created here serve the sockets and, through {@link #roomExecutors()}, run the rooms too.
 */
public final class SymphonyServer implements AutoCloseable {

  /** Large enough for any real upgrade request with its headers and query string. */
  private static final int MAX_HTTP_REQUEST_BYTES = 64 * 1024;

  private final ServerConfig config;
  private final EventLoopGroup acceptor;
  private final EventLoopGroup workers;
  private final ServerState state = new ServerState();
  private final UpgradeGuard guard;
  private final SslContext tls;
  private Channel serverChannel;
  private volatile HttpRoutes routes = HttpRoutes.NONE;

  public SymphonyServer(ServerConfig config) {
    this.config = config;
    this.guard = new UpgradeGuard(config.security());
    this.tls = ListenerTls.context(config.security().tls());
    this.acceptor =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("symphony-accept", true), NioIoHandler.newFactory());
    this.workers =
        new MultiThreadIoEventLoopGroup(
            config.ioThreads(),
            new DefaultThreadFactory("symphony-io", true),
            NioIoHandler.newFactory());
  }

  /** Executors for rooms: the same loops that serve the sockets. */
  public EventLoopRoomExecutors roomExecutors() {
    return new EventLoopRoomExecutors(workers);
  }

  /** Binds the port and starts accepting connections for {@code registry}'s rooms. */
  public InetSocketAddress start(RoomRegistry registry) throws InterruptedException {
    long lowWaterMark = config.maxPendingWriteBytes() / 2;
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(acceptor, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(
                    (int) Math.min(lowWaterMark, Integer.MAX_VALUE),
                    (int) Math.min(config.maxPendingWriteBytes(), Integer.MAX_VALUE)))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    if (tls != null) {
                      channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
                    }
                    channel
                        .pipeline()
                        .addLast(
                            "idle",
                            new IdleStateHandler(
                                config.keepAliveInterval().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                        .addLast("http", new HttpServerCodec())
                        .addLast("handshake-timeout", guard.handshakeTimeout())
                        .addLast(
                            "http-aggregator",
                            // The document API takes updates as large as a WebSocket message.
                            new BoundedHttpAggregator(
                                Math.max(MAX_HTTP_REQUEST_BYTES, config.maxMessageBytes())))
                        .addLast(
                            "http-routes",
                            new HttpRequestHandler(config, registry, state, routes, guard));
                  }
                });
    serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
    state.setReady(true);
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Serves these routes too (metrics, admin API); set before {@link #start}. */
  public void routes(HttpRoutes value) {
    this.routes = value;
  }

  public boolean isReady() {
    return state.isReady();
  }

  /** See {@link ServerState#addReadinessCheck}. */
  public void addReadinessCheck(java.util.function.Supplier<String> problem) {
    state.addReadinessCheck(problem);
  }

  /** Refuses new connections from now on; existing ones stay until their rooms close them. */
  public void stopAccepting() {
    state.setReady(false);
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
    }
  }

  /** Stops accepting and shuts the event loops down (rooms should be closed before). */
  @Override
  public void close() {
    stopAccepting();
    var accepted = acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    var work = workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
    accepted.syncUninterruptibly();
    work.syncUninterruptibly();
  }
}
