package dev.symphony.yjs.interop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares JSON trees: objects by key set (order ignored), arrays element by element, numbers by
 * value (1, 1.0 and 1e0 are equal; so are 0 and -0).
 *
 * <p>The node scripts tag values that plain JSON cannot hold (see canonical.mjs); an expected tag
 * accepts these renderings on the actual side:
 *
 * <ul>
 *   <li>{@code {"$undefined": null}}: the key is absent (JSON.stringify drops it), or {@code null},
 *       or the same tag.
 *   <li>{@code {"$bytes": "<base64>"}}: JSON.stringify's {@code {"0":b0,"1":b1,...}}, an array of
 *       the byte values, the base64 string itself, or the same tag.
 *   <li>{@code {"$doc": "<guid>"}} (a subdocument): {@code {}} (JSON.stringify of an unloaded
 *       Y.Doc), the guid string, an object whose "guid" is the guid, or the same tag.
 * </ul>
 */
final class JsonCompare {
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private JsonCompare() {}

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + NodeHarness.abbreviate(json, 500), e);
    }
  }

  static JsonNode text(String s) {
    return JsonNodeFactory.instance.textNode(s);
  }

  /** null when equal, else a description of the first difference with its path. */
  static String diff(JsonNode expected, JsonNode actual) {
    return diff("$", expected, actual);
  }

  private static String tag(JsonNode n) {
    if (n != null && n.isObject() && n.size() == 1) {
      String key = n.fieldNames().next();
      if (key.equals("$undefined") || key.equals("$bytes") || key.equals("$doc")) {
        return key;
      }
    }
    return null;
  }

  private static String diff(String path, JsonNode expected, JsonNode actual) {
    String tag = tag(expected);
    if (tag != null) {
      return tagDiff(path, tag, expected, actual);
    }
    if (actual == null || actual.isMissingNode()) {
      return path + ": missing, expected " + show(expected);
    }
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0
          ? null
          : path + ": expected " + show(expected) + " but was " + show(actual);
    }
    if (expected.getNodeType() != actual.getNodeType()) {
      return path + ": expected " + show(expected) + " but was " + show(actual);
    }
    if (expected.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      expected.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        JsonNode a = actual.get(k);
        String sub = diff(path + key(k), expected.get(k), a == null ? null : a);
        if (sub != null) {
          return sub;
        }
      }
      for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!expected.has(k)) {
          return path + key(k) + ": unexpected key, value " + show(actual.get(k));
        }
      }
      return null;
    }
    if (expected.isArray()) {
      if (expected.size() != actual.size()) {
        return path
            + ": expected an array of "
            + expected.size()
            + " but got "
            + actual.size()
            + " elements; expected "
            + show(expected)
            + " but was "
            + show(actual);
      }
      for (int i = 0; i < expected.size(); i++) {
        String sub = diff(path + "[" + i + "]", expected.get(i), actual.get(i));
        if (sub != null) {
          return sub;
        }
      }
      return null;
    }
    return expected.equals(actual)
        ? null
        : path + ": expected " + show(expected) + " but was " + show(actual);
  }

  private static String tagDiff(String path, String tag, JsonNode expected, JsonNode actual) {
    JsonNode v = expected.get(tag);
    boolean absent = actual == null || actual.isMissingNode();
    if (!absent && actual.equals(expected)) {
      return null;
    }
    switch (tag) {
      case "$undefined" -> {
        if (absent || actual.isNull()) {
          return null;
        }
      }
      case "$bytes" -> {
        if (!absent && bytesMatch(Base64.getDecoder().decode(v.asText()), v.asText(), actual)) {
          return null;
        }
      }
      case "$doc" -> {
        String guid = v.asText();
        if (!absent
            && ((actual.isObject() && actual.isEmpty())
                || (actual.isTextual() && actual.asText().equals(guid))
                || (actual.isObject() && guid.equals(actual.path("guid").asText(null))))) {
          return null;
        }
      }
      default -> throw new IllegalStateException(tag);
    }
    return path
        + ": expected "
        + show(expected)
        + " but was "
        + (absent ? "<absent>" : show(actual))
        + (tag.equals("$bytes") ? " (bytes: base64 " + v.asText() + ")" : "");
  }

  private static boolean bytesMatch(byte[] bytes, String base64, JsonNode actual) {
    if (actual.isTextual()) {
      return actual.asText().equals(base64);
    }
    if (actual.isBinary()) {
      try {
        return java.util.Arrays.equals(actual.binaryValue(), bytes);
      } catch (java.io.IOException e) {
        return false;
      }
    }
    if (actual.isArray()) {
      if (actual.size() != bytes.length) {
        return false;
      }
      for (int i = 0; i < bytes.length; i++) {
        if (!actual.get(i).isIntegralNumber() || actual.get(i).asInt() != (bytes[i] & 0xFF)) {
          return false;
        }
      }
      return true;
    }
    if (actual.isObject()) {
      if (actual.size() != bytes.length) {
        return false;
      }
      for (int i = 0; i < bytes.length; i++) {
        JsonNode b = actual.get(Integer.toString(i));
        if (b == null || !b.isIntegralNumber() || b.asInt() != (bytes[i] & 0xFF)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static String key(String k) {
    return k.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + k : "[" + show(text(k)) + "]";
  }

  static String show(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "<absent>";
    }
    return NodeHarness.abbreviate(n.toString(), 400);
  }

  /** Compares a {@code Map<name, json>} of expected roots with actual roots, key by key. */
  static String diffRoots(JsonNode expected, Map<String, JsonNode> actual) {
    for (var e : expected.properties()) {
      String d = diff("$" + key(e.getKey()), e.getValue(), actual.get(e.getKey()));
      if (d != null) {
        return d;
      }
    }
    return null;
  }
}
