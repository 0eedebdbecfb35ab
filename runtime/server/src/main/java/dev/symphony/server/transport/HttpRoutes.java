package dev.symphony.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * More HTTP routes on the server's port (metrics, admin API, dashboard), asked before the built-in
 * ones. Called on the channel's event loop: answer at once or hand blocking work to another thread.
 * The request is released when the call returns; retain it to keep it longer.
 */
@FunctionalInterface
public interface HttpRoutes {

  /** Answers the request when its path is one of these routes; false leaves it to the server. */
  boolean handle(ChannelHandlerContext ctx, FullHttpRequest request, String path);

  HttpRoutes NONE = (ctx, request, path) -> false;
}
