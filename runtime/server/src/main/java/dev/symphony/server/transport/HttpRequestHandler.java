package dev.symphony.server.transport;

import dev.symphony.server.auth.RoomGrant;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.metrics.RejectReason;
import dev.symphony.server.room.RoomRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the port: {@code GET /healthz} and {@code GET /readyz}, and the upgrade of
 * {@code ws://host:port/<room-id>} to a WebSocket that joins the room.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);

  private final ServerConfig config;
  private final RoomRegistry registry;
  private final ServerState state;
  private final HttpRoutes routes;
  private final UpgradeGuard guard;

  HttpRequestHandler(ServerConfig config, RoomRegistry registry, ServerState state) {
    this(config, registry, state, HttpRoutes.NONE, new UpgradeGuard(config.security()));
  }

  HttpRequestHandler(
      ServerConfig config,
      RoomRegistry registry,
      ServerState state,
      HttpRoutes routes,
      UpgradeGuard guard) {
    this.config = config;
    this.registry = registry;
    this.state = state;
    this.routes = routes;
    this.guard = guard;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request\n");
      return;
    }
    if (isWebSocketUpgrade(request)) {
      upgrade(ctx, request);
      return;
    }
    String path = pathOf(request.uri());
    if (routes.handle(ctx, request, path)) {
      return;
    }
    if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
      respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET is served\n");
    } else if (path.equals("/healthz")) {
      respond(ctx, request, HttpResponseStatus.OK, "ok\n");
    } else if (path.equals("/readyz")) {
      String problem = state.isReady() ? state.readinessProblem() : null;
      if (state.isReady() && problem == null) {
        respond(ctx, request, HttpResponseStatus.OK, readyWithLoad());
      } else if (problem != null) {
        respond(
            ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready: " + problem + "\n");
      } else {
        respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready\n");
      }
    } else {
      respond(
          ctx,
          request,
          HttpResponseStatus.UPGRADE_REQUIRED,
          "Symphony: connect a y-websocket client to ws://host:port/<room-id>\n");
    }
  }

  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!state.isReady()) {
      countRejection(RejectReason.SHUTTING_DOWN);
      respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "server is shutting down\n");
      return;
    }
    String roomId;
    try {
      roomId = RoomPath.roomId(request.uri());
    } catch (IllegalArgumentException e) {
      countRejection(RejectReason.BAD_REQUEST);
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, e.getMessage() + "\n");
      return;
    }
    // The query string (e.g. ?token=...) is not part of the room id; it carries the token.
    Map<String, List<String>> parameters = new QueryStringDecoder(request.uri()).parameters();
    UpgradeGuard.Admission admission;
    try {
      admission = guard.admit(roomId, request, parameters, ctx.channel().remoteAddress());
    } catch (UpgradeGuard.RefusedException e) {
      respond(ctx, request, HttpResponseStatus.valueOf(e.status), e.getMessage() + "\n");
      return;
    }
    RoomGrant grant = admission.grant();
    ctx.channel().closeFuture().addListener(closed -> admission.slot().release());
    WebSocketServerHandshakerFactory factory =
        new WebSocketServerHandshakerFactory(
            "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri(),
            null,
            WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(config.maxMessageBytes())
                .allowExtensions(false)
                // WebSocketHandler answers violations itself, with a lingering close.
                .closeOnProtocolViolation(false)
                .withUTF8Validator(false)
                .build());
    WebSocketServerHandshaker handshaker = factory.newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      return;
    }
    // Nothing is read from the client until its room has greeted it (Connection#joined): the
    // room then never sees messages from a connection it has not admitted yet.
    ctx.channel().config().setAutoRead(false);
    WebSocketHandler webSocket =
        new WebSocketHandler(registry, roomId, parameters, grant, handshaker);
    ctx.pipeline()
        .addAfter(
            ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(config.maxMessageBytes()))
        .addAfter("ws-aggregator", "ws-rate-limit", guard.rateLimiter(roomId))
        .addAfter("ws-rate-limit", "ws-room", webSocket)
        .remove(this);
    handshaker
        .handshake(ctx.channel(), request)
        .addListener(
            (ChannelFutureListener)
                future -> {
                  if (future.isSuccess()) {
                    webSocket.handshakeComplete(future.channel());
                  } else {
                    log.debug(
                        "handshake failed: room={} remote={}",
                        roomId,
                        future.channel().remoteAddress(),
                        future.cause());
                    future.channel().close();
                  }
                });
  }

  /** An HTTP connection that stays silent for a keep-alive interval is closed. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      ctx.close();
    } else {
      super.userEventTriggered(ctx, event);
    }
  }

  private void countRejection(RejectReason reason) {
    if (registry != null) { // unit tests of the HTTP routes run without rooms
      registry.metrics().rejected(reason);
    }
  }

  private static boolean isWebSocketUpgrade(FullHttpRequest request) {
    return request
            .headers()
            .containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
        && request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  private static String pathOf(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  /**
   * "ready" and this process's load (connections, loaded rooms), so a balancer or a person can
   * compare nodes; the first line stays "ready" for probes that read it.
   */
  private String readyWithLoad() {
    int connections = 0;
    var rooms = registry.rooms();
    for (var room : rooms) {
      connections += room.stats().connections();
    }
    return "ready\nconnections " + connections + "\nrooms " + rooms.size() + "\n";
  }

  private static void respond(
      ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            HttpMethod.HEAD.equals(request.method())
                ? Unpooled.EMPTY_BUFFER
                : Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    boolean keepAlive = HttpUtil.isKeepAlive(request) && status.code() < 400;
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    var write = ctx.writeAndFlush(response);
    if (!keepAlive) {
      write.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
