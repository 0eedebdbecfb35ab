package dev.symphony.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code POST /api/rooms/{id}/edits}: a JSON array of operations. Checks the
 * shape of every operation (known name, required fields of the right JSON type, no unknown field)
 * before any of them touches a document; the message of the first problem names the operation.
 */
final class EditParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fields each operation takes besides {@code op}, {@code type} and {@code path}. */
  private static final Map<String, Set<String>> FIELDS =
      Map.of(
          "map.set", Set.of("key", "value"),
          "map.delete", Set.of("key"),
          "array.insert", Set.of("index", "values"),
          "array.delete", Set.of("index", "length"),
          "text.insert", Set.of("index", "text", "attributes"),
          "text.delete", Set.of("index", "length"),
          "text.format", Set.of("index", "length", "attributes"));

  private static final Set<String> COMMON = Set.of("op", "type", "path");

  private EditParser() {}

  static List<Edit> parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("body is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isArray()) {
      throw ApiException.badRequest("body must be a JSON array of operations");
    }
    if (root.isEmpty()) {
      throw ApiException.badRequest("no operations given");
    }
    List<Edit> edits = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      try {
        edits.add(parseOne(root.get(i)));
      } catch (ApiException e) {
        throw ApiException.badRequest("operation " + i + ": " + e.getMessage());
      }
    }
    return edits;
  }

  private static Edit parseOne(JsonNode node) {
    if (!node.isObject()) {
      throw ApiException.badRequest("must be a JSON object");
    }
    JsonNode opNode = node.get("op");
    if (opNode == null || !opNode.isTextual()) {
      throw ApiException.badRequest(
          "\"op\" is missing (one of " + new java.util.TreeSet<>(FIELDS.keySet()) + ")");
    }
    String op = opNode.textValue();
    Set<String> fields = FIELDS.get(op);
    if (fields == null) {
      throw ApiException.badRequest(
          "unknown operation '"
              + op
              + "' (known: "
              + new java.util.TreeSet<>(FIELDS.keySet())
              + ")");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!COMMON.contains(name) && !fields.contains(name)) {
        throw ApiException.badRequest(op + " takes no field \"" + name + "\"");
      }
    }
    Target target = new Target(text(node, "type"), path(node.get("path")));
    return switch (op) {
      case "map.set" -> new Edit.MapSet(target, text(node, "key"), required(node, "value"));
      case "map.delete" -> new Edit.MapDelete(target, text(node, "key"));
      case "array.insert" -> {
        JsonNode values = required(node, "values");
        if (!values.isArray()) {
          throw ApiException.badRequest("\"values\" must be an array");
        }
        yield new Edit.ArrayInsert(target, count(node, "index"), values);
      }
      case "array.delete" ->
          new Edit.ArrayDelete(target, count(node, "index"), count(node, "length"));
      case "text.insert" ->
          new Edit.TextInsert(
              target, count(node, "index"), text(node, "text"), node.get("attributes"));
      case "text.delete" ->
          new Edit.TextDelete(target, count(node, "index"), count(node, "length"));
      case "text.format" -> {
        JsonNode attributes = required(node, "attributes");
        if (!attributes.isObject()) {
          throw ApiException.badRequest("\"attributes\" must be an object");
        }
        yield new Edit.TextFormat(target, count(node, "index"), count(node, "length"), attributes);
      }
      default -> throw new IllegalStateException("no parser for " + op);
    };
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw ApiException.badRequest("\"" + field + "\" is missing");
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = required(node, field);
    if (!value.isTextual()) {
      throw ApiException.badRequest("\"" + field + "\" must be a string");
    }
    return value.textValue();
  }

  private static int count(JsonNode node, String field) {
    JsonNode value = required(node, field);
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
      throw ApiException.badRequest("\"" + field + "\" must be a non-negative integer");
    }
    return value.intValue();
  }

  /** Keys (strings) and indexes (non-negative integers); absent means the top-level type. */
  private static List<Object> path(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw ApiException.badRequest("\"path\" must be an array of keys and indexes");
    }
    List<Object> steps = new ArrayList<>(node.size());
    for (JsonNode step : node) {
      if (step.isTextual()) {
        steps.add(step.textValue());
      } else if (step.isIntegralNumber() && step.canConvertToInt() && step.intValue() >= 0) {
        steps.add(step.intValue());
      } else {
        throw ApiException.badRequest(
            "\"path\" holds " + step + "; a step is a key (string) or an index (integer >= 0)");
      }
    }
    return List.copyOf(steps);
  }
}
