package dev.symphony.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One event as its receivers get it: the JSON body is fixed when the event happens and sent byte
 * for byte on every attempt, so its signature and its id stay the same across retries.
 *
 * @param id unique per event (also the {@code Symphony-Event-Id} header)
 * @param type {@code room.created}, {@code room.changed}, ...
 * @param roomId the room the event is about
 * @param createdAt when it happened
 * @param body the JSON sent
 */
public record WebhookEvent(String id, String type, String roomId, Instant createdAt, String body) {

  public static final String ROOM_CREATED = "room.created";
  public static final String ROOM_CHANGED = "room.changed";
  public static final String ROOM_STORED = "room.stored";
  public static final String USER_JOINED = "user.joined";
  public static final String USER_LEFT = "user.left";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A new event: {@code {"id", "type", "room", "timestamp", "data": {...}}} with {@code data}
   * filled by {@code fill}.
   */
  public static WebhookEvent of(String type, String roomId, Instant at, Consumer<ObjectNode> fill) {
    String id = UUID.randomUUID().toString();
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("type", type);
    root.put("room", roomId);
    root.put("timestamp", at.toString());
    fill.accept(root.putObject("data"));
    try {
      return new WebhookEvent(id, type, roomId, at, JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode webhook event " + type, e);
    }
  }
}
