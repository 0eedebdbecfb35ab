package dev.symphony.pubsub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.symphony.server.transport.HttpRoutes;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code GET /load}: this node's load (connections, rooms) for least-connections routing and
 * autoscalers, answered at once. {@code GET /cluster}: the live nodes of the directory with their
 * load, and {@code GET /cluster?room=<id>}: the nodes holding that room and its lease holder (read
 * from Redis off the event loop).
 */
final class ClusterRoutes implements HttpRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String nodeId;
  private final Supplier<Map<String, Object>> load;
  private final NodeDirectory directory;
  private final CheckpointLease lease;
  private final Executor blocking;

  ClusterRoutes(
      String nodeId,
      Supplier<Map<String, Object>> load,
      NodeDirectory directory,
      CheckpointLease lease,
      Executor blocking) {
    this.nodeId = nodeId;
    this.load = load;
    this.directory = directory;
    this.lease = lease;
    this.blocking = blocking;
  }

  @Override
  public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    if (path.equals("/load")) {
      reply(ctx, HttpResponseStatus.OK, load.get());
      return true;
    }
    if (!path.equals("/cluster")) {
      return false;
    }
    String room =
        new io.netty.handler.codec.http.QueryStringDecoder(request.uri())
            .parameters().getOrDefault("room", java.util.List.of()).stream()
                .findFirst()
                .orElse(null);
    blocking.execute(
        () -> {
          try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("node", nodeId);
            if (room == null) {
              body.put("nodes", directory.nodes().values());
            } else {
              body.put("room", room);
              body.put("holders", directory.holders(room));
              body.put("leaseHolder", lease.holder(room));
            }
            reply(ctx, HttpResponseStatus.OK, body);
          } catch (Exception e) {
            reply(
                ctx,
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                Map.of("error", "Redis cannot be read: " + e.getMessage()));
          }
        });
    return true;
  }

  private static void reply(ChannelHandlerContext ctx, HttpResponseStatus status, Object body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (Exception e) {
      bytes = ("{\"error\":\"" + e.getClass().getSimpleName() + "\"}").getBytes();
    }
    var response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
