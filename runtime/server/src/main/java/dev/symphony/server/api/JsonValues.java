package dev.symphony.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.symphony.yjs.YArray;
import dev.symphony.yjs.YMap;
import dev.symphony.yjs.YText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns JSON values of an edit into values for the Yjs engine. Plain JSON stays plain JSON (what
 * {@code ymap.set(key, {...})} stores in Yjs: one opaque value, replaced as a whole). A shared type
 * is asked for with a one-key marker object: {@code {"$ymap": {...}}}, {@code {"$yarray": [...]}},
 * {@code {"$ytext": "..."}}; markers may nest inside each other but not inside plain JSON (Yjs
 * cannot hold a shared type inside a plain value). Every call builds fresh values, since a shared
 * type can be inserted only once.
 */
final class JsonValues {

  static final String MAP = "$ymap";
  static final String ARRAY = "$yarray";
  static final String TEXT = "$ytext";

  private JsonValues() {}

  /** A value for a map key or an array element: plain JSON or a new shared type. */
  static Object toYjs(JsonNode node) {
    String marker = markerOf(node);
    if (marker == null) {
      return plain(node);
    }
    JsonNode content = node.get(marker);
    switch (marker) {
      case MAP -> {
        if (!content.isObject()) {
          throw ApiException.badRequest("\"$ymap\" must hold an object");
        }
        YMap map = new YMap();
        content.properties().forEach(entry -> map.set(entry.getKey(), toYjs(entry.getValue())));
        return map;
      }
      case ARRAY -> {
        if (!content.isArray()) {
          throw ApiException.badRequest("\"$yarray\" must hold an array");
        }
        List<Object> values = new ArrayList<>(content.size());
        content.forEach(element -> values.add(toYjs(element)));
        YArray array = new YArray();
        array.insert(0, values);
        return array;
      }
      default -> {
        if (!content.isTextual()) {
          throw ApiException.badRequest("\"$ytext\" must hold a string");
        }
        return new YText(content.textValue());
      }
    }
  }

  /** Plain JSON only (text attributes, values inside plain objects). */
  static Object plain(JsonNode node) {
    if (markerOf(node) != null) {
      throw ApiException.badRequest(
          "shared types ("
              + MAP
              + ", "
              + ARRAY
              + ", "
              + TEXT
              + ") can be map values, array elements or inside another shared type, "
              + "not inside plain JSON");
    }
    if (node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      if (node.canConvertToInt()) {
        return node.intValue();
      }
      if (node.canConvertToLong()) {
        return node.longValue();
      }
      return node.doubleValue(); // as JavaScript reads such a number
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(element -> list.add(plain(element)));
      return list;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
      return map;
    }
    throw ApiException.badRequest("unsupported JSON value: " + node);
  }

  /** The attributes of a text edit: a JSON object of plain values (null removes one). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> attributes(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ApiException.badRequest("\"" + field + "\" must be an object");
    }
    return (Map<String, Object>) plain(node);
  }

  private static String markerOf(JsonNode node) {
    if (node == null || !node.isObject() || node.size() != 1) {
      return null;
    }
    String key = node.fieldNames().next();
    return key.equals(MAP) || key.equals(ARRAY) || key.equals(TEXT) ? key : null;
  }
}
