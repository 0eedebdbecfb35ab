package dev.symphony.roomperpod.proxy;

import dev.symphony.roomperpod.orchestrator.OrchestratorException;
import dev.symphony.roomperpod.orchestrator.RoomBackend;
import dev.symphony.roomperpod.orchestrator.RoomOrchestrator;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Opens a connection to a room's backend on the client's event loop, asking the orchestrator to
 * start it first. A backend that refuses the connection has usually just exited (idle, crashed):
 * the orchestrator is asked again, which starts a new one, a few times before giving up.
 */
final class BackendConnector {

  private static final int CONNECT_ATTEMPTS = 4;
  private static final Duration RETRY_DELAY = Duration.ofMillis(200);
  private static final int CONNECT_TIMEOUT_MS = 5000;

  private final RoomOrchestrator orchestrator;
  private final Duration readyTimeout;

  BackendConnector(RoomOrchestrator orchestrator, Duration readyTimeout) {
    this.orchestrator = orchestrator;
    this.readyTimeout = readyTimeout;
  }

  /**
   * A connected channel to the room's backend, not reading yet, with {@code handler} in its
   * pipeline; fails with an {@link OrchestratorException} whose message suits a close reason.
   */
  CompletableFuture<Channel> connect(Channel client, String roomId, ChannelHandler handler) {
    CompletableFuture<Channel> result = new CompletableFuture<>();
    attempt(client, roomId, handler, 1, result);
    return result;
  }

  private void attempt(
      Channel client,
      String roomId,
      ChannelHandler handler,
      int attempt,
      CompletableFuture<Channel> result) {
    orchestrator
        .ensure(roomId, readyTimeout)
        .whenComplete(
            (backend, failure) -> {
              if (failure != null) {
                result.completeExceptionally(unwrap(failure));
              } else if (!client.isActive()) {
                result.completeExceptionally(new OrchestratorException("client left"));
              } else {
                open(client, roomId, backend, handler, attempt, result);
              }
            });
  }

  private void open(
      Channel client,
      String roomId,
      RoomBackend backend,
      ChannelHandler handler,
      int attempt,
      CompletableFuture<Channel> result) {
    new Bootstrap()
        .group(client.eventLoop())
        .channel(NioSocketChannel.class)
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
        .handler(handler)
        .connect(backend.host(), backend.port())
        .addListener(
            (ChannelFutureListener)
                connected -> {
                  if (connected.isSuccess()) {
                    result.complete(connected.channel());
                  } else if (attempt < CONNECT_ATTEMPTS && client.isActive()) {
                    client
                        .eventLoop()
                        .schedule(
                            () -> attempt(client, roomId, handler, attempt + 1, result),
                            RETRY_DELAY.toMillis() * attempt,
                            TimeUnit.MILLISECONDS);
                  } else {
                    result.completeExceptionally(
                        new OrchestratorException(
                            "room backend unreachable: " + connected.cause().getMessage()));
                  }
                });
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return cause instanceof OrchestratorException
        ? cause
        : new OrchestratorException("room backend failed: " + cause.getMessage(), cause);
  }
}
