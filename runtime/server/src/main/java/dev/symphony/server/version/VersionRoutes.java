package dev.symphony.server.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.symphony.server.auth.AccessDeniedException;
import dev.symphony.server.auth.AdminAccess;
import dev.symphony.server.store.VersionRecord;
import dev.symphony.server.store.VersionRecord.Trigger;
import dev.symphony.server.transport.HttpRoutes;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
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
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The version API, behind the admin token ({@link AdminAccess}), JSON errors with reasons:
 *
 * <ul>
 *   <li>{@code POST /api/rooms/{id}/versions} (optional body {@code {"name": "..."}}): takes one
 *   <li>{@code GET /api/rooms/{id}/versions}: lists them, newest first
 *   <li>{@code GET /api/rooms/{id}/versions/{v}}: the JSON view, or the Yjs update with {@code
 *       Accept: application/octet-stream} or {@code ?format=binary}
 *   <li>{@code GET /api/rooms/{id}/versions/{v}/compare/{w}} (or {@code ?with=w}; {@code w} may be
 *       {@code live}): what changed from {@code v} to {@code w} ({@link JsonDiff})
 *   <li>{@code POST /api/rooms/{id}/versions/{v}/restore}: makes the live document equal to it
 * </ul>
 *
 * Room ids are URL-encoded in the path, as in the rest of the admin API.
 */
public final class VersionRoutes implements HttpRoutes {

  private static final Logger log = LoggerFactory.getLogger(VersionRoutes.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PATH =
      Pattern.compile(
          "/api/rooms/(.+?)/versions(?:/([^/]+)(?:/(restore|compare)(?:/([^/]+))?)?)?/?");

  /** Compare with the room's live document instead of a stored version. */
  public static final String LIVE = "live";

  private final VersionHistory history;
  private final AdminAccess access;

  public VersionRoutes(VersionHistory history, AdminAccess access) {
    this.history = history;
    this.access = access;
  }

  /** What a handler needs of the request, copied: Netty releases the message on return. */
  private record Call(
      Channel channel,
      HttpMethod method,
      Map<String, List<String>> parameters,
      String accept,
      byte[] body,
      boolean keepAlive) {

    String parameter(String name) {
      List<String> values = parameters.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  @Override
  public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    Matcher match = PATH.matcher(path);
    if (!match.matches()) {
      return false;
    }
    byte[] body = new byte[request.content().readableBytes()];
    request.content().getBytes(request.content().readerIndex(), body);
    Call call =
        new Call(
            ctx.channel(),
            request.method(),
            new QueryStringDecoder(request.uri()).parameters(),
            request.headers().get(HttpHeaderNames.ACCEPT),
            body,
            HttpUtil.isKeepAlive(request));
    try {
      access.authorize(
          request.headers().get(HttpHeaderNames.AUTHORIZATION),
          call.parameters().getOrDefault("token", List.of()),
          ctx.channel().remoteAddress());
    } catch (AccessDeniedException e) {
      error(call, HttpResponseStatus.valueOf(e.httpStatus()), e.getMessage());
      return true;
    }
    try {
      String roomId = QueryStringDecoder.decodeComponent(match.group(1).replace("+", "%2B"));
      route(call, roomId, match.group(2), match.group(3), match.group(4));
    } catch (RuntimeException e) {
      fail(call, e);
    }
    return true;
  }

  private void route(Call call, String roomId, String version, String action, String other) {
    if (roomId.isEmpty()) {
      throw new IllegalArgumentException("room id missing");
    }
    boolean get = HttpMethod.GET.equals(call.method());
    boolean post = HttpMethod.POST.equals(call.method());
    if (version == null) {
      if (post) {
        String name = nameOf(call.body());
        reply(
            call,
            HttpResponseStatus.CREATED,
            history.take(roomId, Trigger.MANUAL, name).thenApply(VersionRoutes::view));
      } else if (get) {
        reply(
            call,
            HttpResponseStatus.OK,
            history
                .list(roomId)
                .thenApply(
                    versions ->
                        Map.of(
                            "room",
                            roomId,
                            "versions",
                            versions.stream().map(VersionRoutes::view).toList())));
      } else {
        error(call, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET or POST on versions");
      }
      return;
    }
    VersionRecord.requireValidId(version);
    if (action == null && get) {
      boolean binary =
          "binary".equals(call.parameter("format"))
              || (call.accept() != null && call.accept().contains("application/octet-stream"));
      history
          .load(roomId, version)
          .whenComplete(
              (update, failure) -> {
                if (failure != null) {
                  fail(call, failure);
                } else if (binary) {
                  send(call, HttpResponseStatus.OK, "application/octet-stream", update);
                } else {
                  try {
                    send(
                        call,
                        HttpResponseStatus.OK,
                        "application/json; charset=utf-8",
                        VersionView.json(update).getBytes(StandardCharsets.UTF_8));
                  } catch (Exception e) {
                    fail(call, e);
                  }
                }
              });
    } else if ("compare".equals(action) && get) {
      String with = other != null ? other : call.parameter("with");
      if (with == null || with.isEmpty()) {
        throw new IllegalArgumentException(
            "compare with what? use /versions/{v}/compare/{w} or ?with={w} ({w}: a version or live)");
      }
      if (!LIVE.equals(with)) {
        VersionRecord.requireValidId(with);
      }
      CompletableFuture<byte[]> from = history.load(roomId, version);
      CompletableFuture<byte[]> to =
          LIVE.equals(with) ? history.live(roomId) : history.load(roomId, with);
      reply(
          call,
          HttpResponseStatus.OK,
          from.thenCombine(to, (a, b) -> compare(roomId, version, with, a, b)));
    } else if ("restore".equals(action) && post && other == null) {
      reply(
          call,
          HttpResponseStatus.OK,
          history
              .restore(roomId, version)
              .thenApply(
                  restored -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("room", roomId);
                    body.put("restored", view(restored.restored()));
                    body.put("backup", restored.backup() == null ? null : view(restored.backup()));
                    body.put("changedRoots", restored.changed());
                    body.put("problems", restored.problems());
                    return body;
                  }));
    } else if (other != null && "restore".equals(action)) {
      error(call, HttpResponseStatus.NOT_FOUND, "no such API: .../restore/" + other);
    } else if (action == null) {
      error(call, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed here");
    } else {
      error(
          call,
          HttpResponseStatus.METHOD_NOT_ALLOWED,
          action.equals("restore") ? "use POST to restore" : "use GET to compare");
    }
  }

  private static Map<String, Object> compare(
      String roomId, String from, String to, byte[] fromUpdate, byte[] toUpdate) {
    try {
      JsonNode before = JSON.readTree(VersionView.json(fromUpdate));
      JsonNode after = JSON.readTree(VersionView.json(toUpdate));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("room", roomId);
      body.put("from", from);
      body.put("to", to);
      body.put("changes", JsonDiff.between(before, after));
      return body;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  /** The optional {@code name} of a new version from a JSON body (empty body: no name). */
  private static String nameOf(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return null;
    }
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException("body is not JSON: expected {\"name\": \"...\"} or none");
    }
    if (!json.isObject()) {
      throw new IllegalArgumentException("body must be a JSON object: {\"name\": \"...\"}");
    }
    JsonNode name = json.get("name");
    if (name == null || name.isNull()) {
      return null;
    }
    if (!name.isTextual()) {
      throw new IllegalArgumentException("name must be a string");
    }
    String value = name.asText().strip();
    if (value.length() > VersionRecord.MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "a version name has at most " + VersionRecord.MAX_NAME_LENGTH + " characters");
    }
    return value.isEmpty() ? null : value;
  }

  /** A version as the API shows it. */
  static Map<String, Object> view(VersionRecord version) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", version.id());
    view.put("created", version.created().toString());
    view.put("createdMillis", version.created().toEpochMilli());
    view.put("name", version.name());
    view.put("bytes", version.bytes());
    view.put("trigger", version.trigger().label());
    return view;
  }

  private static void reply(Call call, HttpResponseStatus status, CompletableFuture<?> body) {
    body.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            fail(call, failure);
          } else {
            try {
              send(call, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value));
            } catch (Exception e) {
              fail(call, e);
            }
          }
        });
  }

  private static void fail(Call call, Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof VersionHistory.UnknownException) {
      error(call, HttpResponseStatus.NOT_FOUND, cause.getMessage());
    } else if (cause instanceof IllegalArgumentException) {
      error(call, HttpResponseStatus.BAD_REQUEST, cause.getMessage());
    } else if (cause instanceof IllegalStateException) {
      error(call, HttpResponseStatus.CONFLICT, cause.getMessage());
    } else {
      log.error("version API {} failed", call.method(), cause);
      error(call, HttpResponseStatus.INTERNAL_SERVER_ERROR, String.valueOf(cause.getMessage()));
    }
  }

  private static void error(Call call, HttpResponseStatus status, String message) {
    try {
      send(
          call,
          status,
          "application/json; charset=utf-8",
          JSON.writeValueAsBytes(Map.of("error", message, "status", status.code())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(Call call, HttpResponseStatus status, String type, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    boolean keepAlive = call.keepAlive() && status.code() < 400;
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    var write = call.channel().writeAndFlush(response);
    if (!keepAlive) {
      write.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
