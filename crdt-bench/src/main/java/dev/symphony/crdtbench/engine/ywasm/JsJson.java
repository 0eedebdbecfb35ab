package dev.symphony.crdtbench.engine.ywasm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON.parse / JSON.stringify, and conversion between JS values and plain Java values. */
final class JsJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsJson() {}

  static Object parse(String json) {
    try {
      return fromNode(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new JsThrow(new Js.JsError("SyntaxError: " + e.getOriginalMessage()));
    }
  }

  static String stringify(Object value) {
    try {
      return MAPPER.writeValueAsString(asJsonNumbers(toJava(value)));
    } catch (JsonProcessingException e) {
      throw new JsThrow(new Js.JsError("TypeError: " + e.getOriginalMessage()));
    }
  }

  /**
   * JSON.stringify writes whole numbers without a fraction or exponent (1073741824, not 1.07E9).
   */
  private static Object asJsonNumbers(Object value) {
    return switch (value) {
      case Double d when d == Math.rint(d) && Math.abs(d) < 0x1p53 -> d.longValue();
      case Map<?, ?> map -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        map.forEach((key, element) -> out.put(key, asJsonNumbers(element)));
        yield out;
      }
      case List<?> list -> list.stream().map(JsJson::asJsonNumbers).toList();
      case null -> null;
      default -> value;
    };
  }

  private static Object fromNode(JsonNode node) {
    if (node.isObject()) {
      Js.JsObject object = new Js.JsObject();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        object.put(field.getKey(), fromNode(field.getValue()));
      }
      return object;
    }
    if (node.isArray()) {
      Js.JsArray array = new Js.JsArray();
      node.forEach(element -> array.add(fromNode(element)));
      return array;
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isNull()) {
      return Js.Null.VALUE;
    }
    return node.asText();
  }

  /** A JS value as plain Java (String, Double, Boolean, Long, List, Map, null). */
  static Object toJava(Object value) {
    return switch (value) {
      case Js.JsObject object -> {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((key, element) -> map.put(key, toJava(element)));
        yield map;
      }
      case Js.JsMap jsMap -> {
        Map<String, Object> map = new LinkedHashMap<>();
        jsMap.forEach((key, element) -> map.put(String.valueOf(key), toJava(element)));
        yield map;
      }
      case Js.JsArray array -> {
        List<Object> list = new ArrayList<>(array.size());
        array.forEach(element -> list.add(toJava(element)));
        yield list;
      }
      case Js.Uint8Array bytes -> bytes.toBytes();
      case Js.Undefined u -> null;
      case Js.Null n -> null;
      default -> value;
    };
  }

  /** A plain Java value as a JS value (numbers become JS numbers, i.e. doubles). */
  static Object fromJava(Object value) {
    return switch (value) {
      case null -> Js.Null.VALUE;
      case String s -> s;
      case Boolean b -> b;
      case Number n -> n.doubleValue();
      case byte[] bytes -> Js.Uint8Array.copyOf(bytes);
      case Map<?, ?> map -> {
        Js.JsObject object = new Js.JsObject();
        map.forEach((key, element) -> object.put(String.valueOf(key), fromJava(element)));
        yield object;
      }
      case List<?> list -> {
        Js.JsArray array = new Js.JsArray();
        list.forEach(element -> array.add(fromJava(element)));
        yield array;
      }
      default -> throw new IllegalArgumentException("no JS form for " + value.getClass());
    };
  }
}
