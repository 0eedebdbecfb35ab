package dev.symphony.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes complete HTTP responses (JSON, text, bytes) from any thread (the document API too). */
public final class HttpReplies {

  static final ObjectMapper JSON = new ObjectMapper();

  private HttpReplies() {}

  public static void json(
      Channel channel, Request request, HttpResponseStatus status, Object body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + body.getClass(), e);
    }
    bytes(channel, request, status, "application/json; charset=utf-8", bytes);
  }

  /** A JSON document that is already text (a room's document). */
  public static void rawJson(Channel channel, Request request, String json) {
    bytes(
        channel,
        request,
        HttpResponseStatus.OK,
        "application/json; charset=utf-8",
        json.getBytes(StandardCharsets.UTF_8));
  }

  public static void error(
      Channel channel, Request request, HttpResponseStatus status, String message) {
    json(channel, request, status, Map.of("error", message, "status", status.code()));
  }

  public static void text(
      Channel channel, Request request, HttpResponseStatus status, String type, String body) {
    bytes(channel, request, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  public static void bytes(
      Channel channel, Request request, HttpResponseStatus status, String type, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            request.head() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    boolean keepAlive = request.keepAlive() && status.code() < 400;
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    var write = channel.writeAndFlush(response);
    if (!keepAlive) {
      write.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
