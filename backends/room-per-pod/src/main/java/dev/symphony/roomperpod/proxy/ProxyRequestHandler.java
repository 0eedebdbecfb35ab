package dev.symphony.roomperpod.proxy;

import dev.symphony.server.metrics.SymphonyMetrics;
import dev.symphony.server.transport.RoomPath;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.function.BooleanSupplier;

/**
 * Routes one HTTP request: a WebSocket upgrade to {@code /<room-id>} is relayed to the room's
 * backend, {@code /api/rooms/<room-id>/...} too; {@code /healthz}, {@code /readyz} and {@code
 * /metrics} are the proxy's own.
 */
final class ProxyRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  static final String ROOM_API_PREFIX = "/api/rooms/";

  /** What every connection's handler shares. */
  record Routes(
      WebSocketRelay webSocket, ApiRelay api, ProxyMetrics metrics, BooleanSupplier ready) {}

  private final Routes routes;

  ProxyRequestHandler(Routes routes) {
    super(false);
    this.routes = routes;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!request.decoderResult().isSuccess()) {
      request.release();
      HttpReplies.text(ctx, false, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request\n");
      return;
    }
    String path = new QueryStringDecoder(request.uri()).rawPath();
    if (isWebSocketUpgrade(request)) {
      String roomId;
      try {
        roomId = RoomPath.roomId(request.uri());
      } catch (IllegalArgumentException e) {
        request.release();
        HttpReplies.text(ctx, false, HttpResponseStatus.BAD_REQUEST, e.getMessage() + "\n");
        return;
      }
      routes.webSocket().relay(ctx, request, roomId);
    } else if (path.startsWith(ROOM_API_PREFIX)) {
      String roomId;
      try {
        roomId = apiRoomId(path);
      } catch (IllegalArgumentException e) {
        request.release();
        HttpReplies.text(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, e.getMessage() + "\n");
        return;
      }
      routes.api().relay(ctx, request, roomId);
    } else {
      request.release();
      answer(ctx, keepAlive, path);
    }
  }

  private void answer(ChannelHandlerContext ctx, boolean keepAlive, String path) {
    switch (path) {
      case "/healthz" -> HttpReplies.text(ctx, keepAlive, HttpResponseStatus.OK, "ok\n");
      case "/readyz" -> {
        if (routes.ready().getAsBoolean()) {
          HttpReplies.text(ctx, keepAlive, HttpResponseStatus.OK, "ready\n");
        } else {
          HttpReplies.text(
              ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready: stopping\n");
        }
      }
      case "/metrics" ->
          HttpReplies.send(
              ctx,
              keepAlive,
              HttpResponseStatus.OK,
              SymphonyMetrics.CONTENT_TYPE,
              routes.metrics().metrics().scrape());
      default ->
          HttpReplies.text(
              ctx,
              keepAlive,
              HttpResponseStatus.UPGRADE_REQUIRED,
              "Symphony room-per-pod proxy: connect a y-websocket client to ws://host:port/<room-id>;"
                  + " a room's document API is at /api/rooms/<room-id>/...\n");
    }
  }

  /** The room id of {@code /api/rooms/<room-id>[/...]}: the percent-decoded segment. */
  static String apiRoomId(String path) {
    String rest = path.substring(ROOM_API_PREFIX.length());
    int slash = rest.indexOf('/');
    return RoomPath.roomId("/" + (slash < 0 ? rest : rest.substring(0, slash)));
  }

  private static boolean isWebSocketUpgrade(FullHttpRequest request) {
    return request
            .headers()
            .containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
        && request
            .headers()
            .containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
