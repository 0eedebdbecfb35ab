package dev.symphony.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.auth.RoomGrant;
import dev.symphony.server.room.OutboundMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What reaches the socket, and when, on a real (in-memory) channel and its event loop. */
class ChannelConnectionTest {

  private final EventLoopGroup loops =
      new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
  private final List<String> outbound = new CopyOnWriteArrayList<>();
  private Channel channel;
  private ChannelConnection connection;

  /** Stands for the socket: notes each frame written and each flush. */
  private final class SocketRecorder extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      BinaryWebSocketFrame frame = (BinaryWebSocketFrame) msg;
      outbound.add(ByteBufUtil.hexDump(frame.content()));
      frame.release();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      outbound.add("flush");
    }
  }

  @BeforeEach
  void connect() throws Exception {
    LocalAddress address = new LocalAddress(ChannelConnectionTest.class);
    CompletableFuture<Channel> accepted = new CompletableFuture<>();
    new ServerBootstrap()
        .group(loops)
        .channel(LocalServerChannel.class)
        .childHandler(
            new ChannelInitializer<LocalChannel>() {
              @Override
              protected void initChannel(LocalChannel child) {
                child.pipeline().addLast(new SocketRecorder());
                accepted.complete(child);
              }
            })
        .bind(address)
        .sync();
    new Bootstrap()
        .group(loops)
        .channel(LocalChannel.class)
        .handler(new ChannelInboundHandlerAdapter())
        .connect(address)
        .sync();
    channel = accepted.get(5, TimeUnit.SECONDS);
    connection = new ChannelConnection(channel, "room", Map.of(), RoomGrant.UNRESTRICTED);
  }

  @AfterEach
  void close() {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private void send(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    try (OutboundMessage message = OutboundMessage.of(bytes)) {
      connection.send(message);
    }
  }

  /** Runs {@code sends} as one task on the channel's loop, then waits for what followed it. */
  private List<String> turn(Runnable sends) throws Exception {
    outbound.clear();
    channel
        .eventLoop()
        .submit(
            () -> {
              sends.run();
              outbound.add("end of task");
            })
        .get(5, TimeUnit.SECONDS);
    channel.eventLoop().submit(() -> {}).get(5, TimeUnit.SECONDS);
    return List.copyOf(outbound);
  }

  @Test
  void messagesSentInOneTurnOfTheLoopLeaveInOneFlushAfterIt() throws Exception {
    List<String> seen =
        turn(
            () -> {
              send(0, 2, 1);
              send(1, 5);
              send(0, 2, 2);
            });

    assertThat(seen).containsExactly("000201", "0105", "000202", "end of task", "flush");
  }

  @Test
  void everyTurnFlushesItsOwnMessages() throws Exception {
    assertThat(turn(() -> send(0, 2, 1))).containsExactly("000201", "end of task", "flush");
    assertThat(turn(() -> send(1, 5))).containsExactly("0105", "end of task", "flush");
  }

  @Test
  void sendsFromAnotherThreadAreAllFlushedWhileTheLoopIsBusy() throws Exception {
    // A room on another loop: its writes reach the channel's loop as tasks, and the flush must
    // come after every one of them, even when they queue up behind a busy turn.
    CountDownLatch busy = new CountDownLatch(1);
    channel.eventLoop().execute(() -> awaitQuietly(busy));
    outbound.clear();

    send(0, 2, 1);
    send(1, 5);
    busy.countDown();
    channel.eventLoop().submit(() -> {}).get(5, TimeUnit.SECONDS);
    channel.eventLoop().submit(() -> {}).get(5, TimeUnit.SECONDS);

    assertThat(outbound).containsExactly("000201", "0105", "flush");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
