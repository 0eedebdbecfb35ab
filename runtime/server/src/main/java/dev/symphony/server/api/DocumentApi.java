package dev.symphony.server.api;

import dev.symphony.server.admin.HttpReplies;
import dev.symphony.server.admin.Request;
import dev.symphony.server.auth.AccessDeniedException;
import dev.symphony.server.auth.AdminAccess;
import dev.symphony.server.room.Room;
import dev.symphony.server.room.RoomRegistry;
import dev.symphony.server.room.UpdateOrigin;
import dev.symphony.server.store.DocumentStore;
import dev.symphony.server.store.RoomCatalog;
import dev.symphony.server.store.UpdateLog;
import dev.symphony.server.transport.HttpRoutes;
import dev.symphony.yjs.Yjs;
import dev.symphony.yjs.YjsDecodingException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The document API: a backend reads and changes a room's document over HTTP, behind the admin token
 * ({@link AdminAccess}).
 *
 * <ul>
 *   <li>{@code GET /api/rooms/{id}/update[?stateVector=<base64>]}: the document as one Yjs update
 *       (v1), or what a peer with that state vector lacks; 404 for a room that is neither loaded
 *       nor stored.
 *   <li>{@code POST /api/rooms/{id}/update}: a binary Yjs update, applied on the room's executor as
 *       a client's would be (logged, broadcast), answered once it is durable.
 *   <li>{@code POST /api/rooms/{id}/edits}: a JSON list of operations ({@link EditParser}), all
 *       applied in one transaction or none.
 * </ul>
 *
 * Changes carry {@link UpdateOrigin.Server} with the actor from the {@value #ACTOR_HEADER} header,
 * so listeners (the backplane, webhooks) see who made them. Storage reads, decoding and JSON
 * parsing run on virtual threads, never on the event loops that run rooms.
 */
public final class DocumentApi implements HttpRoutes {

  private static final Logger log = LoggerFactory.getLogger(DocumentApi.class);
  private static final String PREFIX = "/api/rooms/";
  private static final String UPDATE = "/update";
  private static final String EDITS = "/edits";

  /** Names who made a change (a job, a service); shown to listeners and in logs. */
  public static final String ACTOR_HEADER = "X-Symphony-Actor";

  /** The actor of a change whose request names none. */
  public static final String DEFAULT_ACTOR = "document-api";

  private static final int MAX_ACTOR_LENGTH = 200;

  private final RoomRegistry rooms;
  private final DocumentStore documents;
  private final RoomCatalog catalog;
  private final UpdateLog updateLog;
  private final AdminAccess access;
  private final int maxBodyBytes;
  private final Executor blocking = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * @param maxBodyBytes the largest request body taken (the server's WebSocket message limit)
   */
  public DocumentApi(
      RoomRegistry rooms,
      DocumentStore documents,
      RoomCatalog catalog,
      UpdateLog updateLog,
      AdminAccess access,
      int maxBodyBytes) {
    this.rooms = rooms;
    this.documents = documents;
    this.catalog = catalog;
    this.updateLog = updateLog;
    this.access = access;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public boolean handle(ChannelHandlerContext ctx, FullHttpRequest message, String path) {
    if (!path.startsWith(PREFIX)) {
      return false;
    }
    String rest = path.substring(PREFIX.length());
    boolean update = rest.endsWith(UPDATE);
    boolean edits = rest.endsWith(EDITS);
    if (!update && !edits) {
      return false;
    }
    String encodedId = rest.substring(0, rest.length() - (update ? UPDATE : EDITS).length());
    Request request = Request.of(message, path);
    Channel channel = ctx.channel();
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
      String id = roomId(encodedId);
      HttpMethod method = request.method();
      if (update && request.isGet()) {
        read(channel, request, id, stateVector(request));
      } else if (update && HttpMethod.POST.equals(method)) {
        applyUpdate(channel, request, id, body(message), actor(message));
      } else if (edits && HttpMethod.POST.equals(method)) {
        applyEdits(channel, request, id, body(message), actor(message));
      } else {
        throw new ApiException(405, (update ? "use GET or POST on " : "use POST on ") + path);
      }
    } catch (RuntimeException e) {
      fail(channel, request, e);
    }
    return true;
  }

  /** The document, or what {@code stateVector} lacks; the room loads if it is stored somewhere. */
  private void read(Channel channel, Request request, String id, byte[] stateVector) {
    CompletableFuture.supplyAsync(() -> exists(id), blocking)
        .thenCompose(
            exists -> {
              if (!exists) {
                throw new ApiException(
                    404, "no room '" + id + "': it is not loaded and nothing is stored for it");
              }
              return rooms.withRoom(
                  id,
                  room -> {
                    try {
                      return CompletableFuture.completedFuture(
                          stateVector == null
                              ? room.encodeDocument()
                              : room.encodeDiff(stateVector));
                    } catch (YjsDecodingException e) {
                      throw ApiException.badRequest(
                          "stateVector does not decode: " + e.getMessage());
                    }
                  });
            })
        .whenComplete(
            (bytes, failure) -> {
              if (failure != null) {
                fail(channel, request, failure);
              } else {
                HttpReplies.bytes(
                    channel, request, HttpResponseStatus.OK, "application/octet-stream", bytes);
              }
            });
  }

  private boolean exists(String id) {
    try {
      return rooms.room(id).isPresent()
          || catalog.find(id).isPresent()
          || documents.load(id).isPresent()
          || !updateLog.pending(id).isEmpty();
    } catch (java.io.IOException e) {
      throw new CompletionException(e);
    }
  }

  private void applyUpdate(
      Channel channel, Request request, String id, byte[] update, String actor) {
    if (update.length == 0) {
      throw ApiException.badRequest("the body must be a Yjs update (v1), not empty");
    }
    UpdateOrigin origin = new UpdateOrigin.Server(actor);
    CompletableFuture.runAsync(() -> requireDecodes(update), blocking)
        .thenCompose(
            decoded ->
                rooms.withRoom(
                    id,
                    room -> {
                      CompletableFuture<Void> durable = room.applyExternalUpdate(update, origin);
                      byte[] stateVector = room.encodeStateVector();
                      return durable.handle(
                          (ignored, failure) -> {
                            if (failure != null) {
                              throw refusedUpdate(id, failure);
                            }
                            return stateVector;
                          });
                    }))
        .whenComplete(
            (stateVector, failure) -> {
              if (failure != null) {
                fail(channel, request, failure);
              } else {
                log.info("room={} update of {} byte(s) applied by {}", id, update.length, actor);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("room", id);
                body.put("bytes", update.length);
                body.put("stateVector", Base64.getEncoder().encodeToString(stateVector));
                HttpReplies.json(channel, request, HttpResponseStatus.OK, body);
              }
            });
  }

  /** Refuses a malformed update before any room is loaded or created for it. */
  private static void requireDecodes(byte[] update) {
    try {
      Yjs.encodeStateVectorFromUpdate(update);
    } catch (YjsDecodingException | RuntimeException e) {
      throw ApiException.badRequest("malformed Yjs update (v1): " + e.getMessage());
    }
  }

  private static RuntimeException refusedUpdate(String id, Throwable failure) {
    Throwable cause = unwrap(failure);
    return switch (cause) {
      case YjsDecodingException e ->
          ApiException.badRequest("malformed Yjs update (v1): " + e.getMessage());
      // From applyExternalUpdate the only state failure is the room's document size limit.
      case IllegalStateException e -> new ApiException(413, e.getMessage());
      default ->
          new ApiException(
              503,
              "room "
                  + id
                  + ": the update is applied but the update log did not confirm it: "
                  + cause);
    };
  }

  private void applyEdits(Channel channel, Request request, String id, byte[] body, String actor) {
    UpdateOrigin origin = new UpdateOrigin.Server(actor);
    CompletableFuture.supplyAsync(() -> new EditBatch(EditParser.parse(body)), blocking)
        .thenCompose(batch -> rooms.withRoom(id, room -> edit(room, batch, origin)))
        .whenComplete(
            (result, failure) -> {
              if (failure != null) {
                fail(channel, request, failure);
              } else {
                log.info("room={} {} edit(s) applied by {}", id, result.get("operations"), actor);
                HttpReplies.json(channel, request, HttpResponseStatus.OK, result);
              }
            });
  }

  /** On the room's executor: checks the whole batch, then applies it in one transaction. */
  private CompletableFuture<Map<String, Object>> edit(
      Room room, EditBatch batch, UpdateOrigin origin) {
    long maxDocumentBytes = rooms.settings().maxDocumentBytes();
    RuntimeException[] refused = new RuntimeException[1];
    CompletableFuture<Void> durable =
        room.change(
            doc -> {
              try {
                batch.check(doc, maxDocumentBytes);
              } catch (RuntimeException e) {
                refused[0] = e; // nothing changed: the transaction ends empty
                return;
              }
              try {
                batch.apply(doc);
              } catch (RuntimeException e) {
                // The copy accepted the same edits, so this is a bug; say what happened.
                log.error(
                    "room={} edits passed the check but failed on the document", room.id(), e);
                refused[0] =
                    new ApiException(
                        500, "edits failed part-way (a server bug): " + e.getMessage());
              }
            },
            origin);
    if (refused[0] != null) {
      return CompletableFuture.failedFuture(refused[0]);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("room", room.id());
    result.put("operations", batch.size());
    result.put("stateVector", Base64.getEncoder().encodeToString(room.encodeStateVector()));
    return durable.handle(
        (ignored, failure) -> {
          if (failure != null) {
            throw refusedUpdate(room.id(), failure);
          }
          return result;
        });
  }

  private byte[] body(FullHttpRequest message) {
    int length = message.content().readableBytes();
    if (length > maxBodyBytes) {
      throw new ApiException(
          413, "request body of " + length + " bytes is larger than the limit of " + maxBodyBytes);
    }
    return ByteBufUtil.getBytes(message.content());
  }

  private static String actor(FullHttpRequest message) {
    String actor = message.headers().get(ACTOR_HEADER);
    if (actor == null || actor.isBlank()) {
      return DEFAULT_ACTOR;
    }
    actor = actor.strip();
    if (actor.length() > MAX_ACTOR_LENGTH) {
      throw ApiException.badRequest(
          ACTOR_HEADER + " is longer than " + MAX_ACTOR_LENGTH + " characters");
    }
    return actor;
  }

  private static String roomId(String encoded) {
    String id = QueryStringDecoder.decodeComponent(encoded.replace("+", "%2B"));
    if (id.isEmpty()) {
      throw ApiException.badRequest("room id missing: /api/rooms/{id}/...");
    }
    return id;
  }

  /** The {@code stateVector} parameter: base64, standard or URL-safe, padded or not. */
  private static byte[] stateVector(Request request) {
    String value = request.parameter("stateVector");
    if (value == null || value.isEmpty()) {
      return null;
    }
    // A '+' the client did not percent-encode arrives as a space.
    String base64 = value.strip().replace(' ', '+');
    byte[] bytes;
    try {
      bytes =
          base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(base64)
              : Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("stateVector is not base64: " + e.getMessage());
    }
    try {
      Yjs.decodeStateVector(bytes);
    } catch (YjsDecodingException | RuntimeException e) {
      throw ApiException.badRequest("stateVector does not decode: " + e.getMessage());
    }
    return bytes;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static void fail(Channel channel, Request request, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof ApiException refused) {
      HttpReplies.error(
          channel, request, HttpResponseStatus.valueOf(refused.status()), refused.getMessage());
    } else if (cause instanceof IllegalStateException e) {
      // From RoomRegistry.withRoom: shutting down, room limit reached, the room failed to load.
      HttpReplies.error(channel, request, HttpResponseStatus.SERVICE_UNAVAILABLE, e.getMessage());
    } else {
      log.error("document API {} {} failed", request.method(), request.path(), cause);
      HttpReplies.error(
          channel, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, String.valueOf(cause));
    }
  }
}
