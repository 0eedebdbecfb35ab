package dev.symphony.server.transport;

import dev.symphony.server.auth.RoomGrant;
import dev.symphony.server.metrics.MessageType;
import dev.symphony.server.metrics.RejectReason;
import dev.symphony.server.metrics.RuntimeMetrics;
import dev.symphony.server.room.Connection;
import dev.symphony.server.room.OutboundMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's view of one WebSocket channel. Called from the room's event loop, which may differ from
 * the channel's; such writes are handed over to the channel's loop as tasks.
 */
final class ChannelConnection implements Connection {

  private static final Logger log = LoggerFactory.getLogger(ChannelConnection.class);

  /** RFC 6455 allows 123 bytes of reason in a close frame. */
  private static final int MAX_REASON_BYTES = 123;

  private final Channel channel;
  private final String roomId;
  private final String remoteAddress;
  private final Map<String, List<String>> parameters;
  private final RoomGrant grant;
  private final AtomicBoolean closing = new AtomicBoolean();

  /**
   * One flush per channel per turn of its event loop, queued behind the tasks already there: the
   * messages a turn produces for one client (several room-mates' edits read in the same turn) leave
   * in one system call instead of one each. Under load turns grow, and so do the batches; an idle
   * server flushes at once. Only touched on the channel's loop.
   */
  private boolean flushPending;

  private final Runnable flush = this::flushNow;
  private RuntimeMetrics metrics = RuntimeMetrics.NONE;

  ChannelConnection(
      Channel channel, String roomId, Map<String, List<String>> parameters, RoomGrant grant) {
    this.channel = channel;
    this.roomId = roomId;
    this.remoteAddress = String.valueOf(channel.remoteAddress());
    this.parameters = Map.copyOf(parameters);
    this.grant = grant;
  }

  /** Counts the messages sent from now on; called before the connection joins its room. */
  ChannelConnection reportingTo(RuntimeMetrics value) {
    this.metrics = value;
    return this;
  }

  /** The query parameters of the WebSocket URL (an auth token, later). */
  Map<String, List<String>> parameters() {
    return parameters;
  }

  /** What this client's token allows (everything when the server runs without auth). */
  RoomGrant grant() {
    return grant;
  }

  @Override
  public boolean mayWrite() {
    return grant.mayWrite();
  }

  @Override
  public String userId() {
    return grant.subject();
  }

  @Override
  public String userName() {
    return grant.name();
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
  }

  boolean isClosing() {
    return closing.get();
  }

  @Override
  public void send(OutboundMessage message) {
    if (closing.get() || !channel.isActive()) {
      return;
    }
    if (!channel.isWritable()) {
      // The client reads slower than the room writes. Buffering more would let one slow client
      // grow the server's memory without bound; it resynchronises when it reconnects.
      log.warn(
          "closing slow receiver: room={} remote={} (its send queue passed the high-water mark)",
          roomId,
          remoteAddress);
      closing.set(true);
      metrics.rejected(RejectReason.SLOW_RECEIVER);
      channel.close();
      return;
    }
    ByteBuf payload = message.retainedBuffer();
    EventLoop loop = channel.eventLoop();
    if (loop.inEventLoop()) {
      writeAndScheduleFlush(payload);
    } else {
      // The room runs on another loop: write there, so the write is queued before its flush.
      try {
        loop.execute(() -> writeAndScheduleFlush(payload));
      } catch (RejectedExecutionException e) {
        payload.release(); // the loop is shutting down, and the channel with it
        return;
      }
    }
    MessageType type = MessageType.ofEncoded(message.byteAt(0), message.byteAt(1));
    if (type != null) {
      metrics.sent(type, message.size());
    }
  }

  private void writeAndScheduleFlush(ByteBuf payload) {
    channel.write(new BinaryWebSocketFrame(payload), channel.voidPromise());
    if (!flushPending) {
      flushPending = true;
      channel.eventLoop().execute(flush);
    }
  }

  private void flushNow() {
    flushPending = false;
    channel.flush();
  }

  @Override
  public void close(int closeCode, String reason) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    WebSocketHandler.closeLingering(channel, new CloseWebSocketFrame(closeCode, truncate(reason)));
  }

  @Override
  public void joined() {
    channel.config().setAutoRead(true);
  }

  private static String truncate(String reason) {
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = Math.min(reason.length(), MAX_REASON_BYTES - 3);
    while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length
        > MAX_REASON_BYTES - 3) {
      end--;
    }
    return reason.substring(0, end) + "...";
  }
}
