package dev.symphony.server.admin;

import dev.symphony.server.auth.AccessDeniedException;
import dev.symphony.server.auth.AdminAccess;
import dev.symphony.server.metrics.SymphonyMetrics;
import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomRegistry;
import dev.symphony.server.store.RoomCatalog;
import dev.symphony.server.store.RoomRecord;
import dev.symphony.server.transport.HttpRoutes;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observability routes on the server's port: {@code GET /metrics} (Prometheus), the admin API
 * under {@code /api/} (JSON; every route behind {@link AdminAccess}) and the developer dashboard
 * page under {@code /dashboard}. Catalog reads and deletes run on a thread of their own, never on
 * the event loops that run rooms.
 */
public final class AdminRoutes implements HttpRoutes, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);
  private static final String ROOMS = "/api/rooms";
  private static final String DOCUMENT_SUFFIX = "/document";
  static final Duration EVENT_PERIOD = Duration.ofSeconds(1);

  private final RoomRegistry registry;
  private final RoomCatalog catalog;
  private final SymphonyMetrics metrics;
  private final AdminAccess access;
  private volatile String grafanaUrl;
  private final ExecutorService blocking =
      Executors.newFixedThreadPool(
          2, Thread.ofPlatform().name("symphony-admin-", 0).daemon().factory());

  /**
   * @param grafanaUrl where the Grafana dashboards are (the page links to them), or null
   */
  public AdminRoutes(
      RoomRegistry registry,
      RoomCatalog catalog,
      SymphonyMetrics metrics,
      AdminAccess access,
      String grafanaUrl) {
    this.registry = registry;
    this.catalog = catalog;
    this.metrics = metrics;
    this.access = access;
    grafanaUrl(grafanaUrl);
  }

  /** Where the dashboard page links to Grafana; null or blank for no links. */
  public void grafanaUrl(String value) {
    this.grafanaUrl = value == null || value.isBlank() ? null : value.strip();
  }

  @Override
  public boolean handle(ChannelHandlerContext ctx, FullHttpRequest message, String path) {
    boolean api = path.equals("/api") || path.startsWith("/api/");
    boolean known =
        api
            || path.equals("/metrics")
            || path.equals("/dashboard")
            || path.startsWith("/dashboard/");
    if (!known) {
      return false;
    }
    Request request = Request.of(message, path);
    Channel channel = ctx.channel();
    if (path.equals("/metrics")) {
      if (request.isGet()) {
        HttpReplies.text(
            channel,
            request,
            HttpResponseStatus.OK,
            SymphonyMetrics.CONTENT_TYPE,
            metrics.scrape());
      } else {
        HttpReplies.error(channel, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
      }
      return true;
    }
    if (!api) {
      DashboardPage.serve(channel, request);
      return true;
    }
    try {
      access.authorize(
          request.authorization(),
          request.parameters().getOrDefault("token", List.of()),
          channel.remoteAddress());
    } catch (AccessDeniedException e) {
      HttpReplies.error(
          channel, request, HttpResponseStatus.valueOf(e.httpStatus()), e.getMessage());
      return true;
    }
    try {
      route(ctx, request);
    } catch (IllegalArgumentException e) {
      HttpReplies.error(channel, request, HttpResponseStatus.BAD_REQUEST, e.getMessage());
    } catch (RuntimeException e) {
      fail(channel, request, e); // answered and logged, never a connection left hanging
    }
    return true;
  }

  private void route(ChannelHandlerContext ctx, Request request) {
    Channel channel = ctx.channel();
    String path = request.path();
    boolean get = request.isGet();
    if (path.equals("/api/events") && HttpMethod.GET.equals(request.method())) {
      EventStream.start(ctx, () -> LiveSnapshot.of(registry, metrics), EVENT_PERIOD);
    } else if (path.equals("/api/info") && get) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("topology", metrics.settings().topology());
      info.put("node", metrics.settings().node());
      info.put("grafanaUrl", grafanaUrl);
      HttpReplies.json(channel, request, HttpResponseStatus.OK, info);
    } else if ((path.equals(ROOMS) || path.equals(ROOMS + "/")) && get) {
      RoomsQuery query = RoomsQuery.parse(request);
      reply(channel, request, CompletableFuture.supplyAsync(() -> listRooms(query), blocking));
    } else if (path.startsWith(ROOMS + "/")) {
      roomRoute(channel, request, path.substring(ROOMS.length() + 1));
    } else {
      HttpReplies.error(channel, request, HttpResponseStatus.NOT_FOUND, "no such API: " + path);
    }
  }

  /** {@code /api/rooms/{id}} and {@code /api/rooms/{id}/document}; ids arrive URL-encoded. */
  private void roomRoute(Channel channel, Request request, String rest) {
    boolean document = rest.endsWith(DOCUMENT_SUFFIX);
    String encodedId =
        document ? rest.substring(0, rest.length() - DOCUMENT_SUFFIX.length()) : rest;
    String id = QueryStringDecoder.decodeComponent(encodedId.replace("+", "%2B"));
    if (id.isEmpty()) {
      throw new IllegalArgumentException("room id missing");
    }
    if (document && request.isGet()) {
      registry
          .documentJson(id)
          .whenComplete(
              (json, failure) -> {
                if (failure != null) {
                  fail(channel, request, failure);
                } else if (json.isEmpty()) {
                  HttpReplies.error(
                      channel, request, HttpResponseStatus.NOT_FOUND, "no room " + id);
                } else {
                  HttpReplies.rawJson(channel, request, json.get());
                }
              });
    } else if (!document && request.isGet()) {
      reply(
          channel,
          request,
          CompletableFuture.supplyAsync(
              () -> {
                RoomRecord record = catalog.find(id).orElse(null);
                Room room = registry.room(id).orElse(null);
                if (room != null) {
                  return RoomView.of(room, record);
                }
                return record == null ? null : RoomView.of(record);
              },
              blocking));
    } else if (!document && HttpMethod.DELETE.equals(request.method())) {
      boolean known = registry.room(id).isPresent();
      CompletableFuture.supplyAsync(() -> known || catalog.find(id).isPresent(), blocking)
          .thenCompose(
              exists ->
                  exists
                      ? registry.delete(id).thenApply(done -> true)
                      : CompletableFuture.completedFuture(false))
          .whenComplete(
              (deleted, failure) -> {
                if (failure != null) {
                  fail(channel, request, failure);
                } else if (!deleted) {
                  HttpReplies.error(
                      channel, request, HttpResponseStatus.NOT_FOUND, "no room " + id);
                } else {
                  log.info("admin API deleted room={}", id);
                  HttpReplies.json(channel, request, HttpResponseStatus.OK, Map.of("deleted", id));
                }
              });
    } else {
      HttpReplies.error(
          channel, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed here");
    }
  }

  /** Every room the catalog knows, with live figures for the loaded ones; sorted, one page. */
  private Map<String, Object> listRooms(RoomsQuery query) {
    Map<String, RoomView> views = new HashMap<>();
    Map<String, RoomRecord> records = new HashMap<>();
    for (RoomRecord record : catalog.list()) {
      records.put(record.id(), record);
      views.put(record.id(), RoomView.of(record));
    }
    for (Room room : registry.rooms()) {
      views.put(room.id(), RoomView.of(room, records.get(room.id())));
    }
    List<RoomView> sorted = new ArrayList<>(views.values());
    sorted.sort(query.comparator());
    long from = (long) (query.page() - 1) * query.size();
    List<RoomView> page =
        from >= sorted.size()
            ? List.of()
            : sorted.subList((int) from, (int) Math.min(sorted.size(), from + query.size()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("page", query.page());
    body.put("size", query.size());
    body.put("total", sorted.size());
    body.put("sort", query.sort());
    body.put("order", query.descending() ? "desc" : "asc");
    body.put("rooms", page);
    return body;
  }

  private static void reply(Channel channel, Request request, CompletableFuture<?> body) {
    body.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            fail(channel, request, failure);
          } else if (value == null) {
            HttpReplies.error(channel, request, HttpResponseStatus.NOT_FOUND, "no such room");
          } else {
            HttpReplies.json(channel, request, HttpResponseStatus.OK, value);
          }
        });
  }

  private static void fail(Channel channel, Request request, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof IllegalStateException) {
      HttpReplies.error(channel, request, HttpResponseStatus.CONFLICT, cause.getMessage());
      return;
    }
    log.error("admin API {} {} failed", request.method(), request.path(), cause);
    HttpReplies.error(
        channel, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, String.valueOf(cause));
  }

  @Override
  public void close() {
    blocking.shutdownNow();
  }
}
