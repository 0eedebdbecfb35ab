package dev.symphony.singlenode.demo;

import dev.symphony.server.transport.HttpRoutes;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The collaborative whiteboard demo: {@code /demo/<room>} serves the page, which joins room {@code
 * <room>} over the standard y-websocket protocol on this same port; {@code /demo/assets/<file>}
 * serves its script and style sheet. The files are classpath resources built from {@code
 * runtime/client-js/demo} (the page holds no state of its own; the room does).
 */
public final class WhiteboardDemo implements HttpRoutes {

  private static final String PREFIX = "/demo/";
  private static final String ASSETS = PREFIX + "assets/";
  private static final Map<String, String> TYPES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "whiteboard.js", "text/javascript; charset=utf-8",
          "whiteboard.css", "text/css; charset=utf-8");

  private final Map<String, byte[]> files;

  private WhiteboardDemo(Map<String, byte[]> files) {
    this.files = files;
  }

  /** Loads the demo's files; fails at start-up, not on the first visit, when one is missing. */
  public static WhiteboardDemo load() {
    return new WhiteboardDemo(
        Map.of(
            "index.html", resource("index.html"),
            "whiteboard.js", resource("whiteboard.js"),
            "whiteboard.css", resource("whiteboard.css")));
  }

  @Override
  public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    if (!path.startsWith(PREFIX)) {
      return false;
    }
    String file = fileFor(path);
    if (file == null) {
      reply(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", notFound());
    } else if (!HttpMethod.GET.equals(request.method())
        && !HttpMethod.HEAD.equals(request.method())) {
      reply(
          ctx,
          request,
          HttpResponseStatus.METHOD_NOT_ALLOWED,
          "text/plain; charset=utf-8",
          "use GET\n".getBytes(StandardCharsets.UTF_8));
    } else {
      reply(ctx, request, HttpResponseStatus.OK, TYPES.get(file), files.get(file));
    }
    return true;
  }

  /** The file a path names: the page for {@code /demo/<room>}, an asset, or null. */
  static String fileFor(String path) {
    if (path.startsWith(ASSETS)) {
      String name = path.substring(ASSETS.length());
      return TYPES.containsKey(name) && !name.equals("index.html") ? name : null;
    }
    String room = path.substring(PREFIX.length());
    if (room.endsWith("/")) {
      room = room.substring(0, room.length() - 1);
    }
    return room.isEmpty() || room.contains("/") ? null : "index.html";
  }

  private static byte[] notFound() {
    return "no such page: open /demo/<room> (e.g. /demo/my-board)\n"
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void reply(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      HttpResponseStatus status,
      String type,
      byte[] body) {
    boolean head = HttpMethod.HEAD.equals(request.method());
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    // The page must follow a new build at once; it is small and served from memory.
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    boolean keepAlive = HttpUtil.isKeepAlive(request) && status.code() < 400;
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    var write = ctx.writeAndFlush(response);
    if (!keepAlive) {
      write.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = WhiteboardDemo.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the whiteboard demo's "
                + name
                + " is missing from the classpath (build it: cd runtime/client-js && npm run"
                + " build:demo)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the whiteboard demo's " + name, e);
    }
  }
}
