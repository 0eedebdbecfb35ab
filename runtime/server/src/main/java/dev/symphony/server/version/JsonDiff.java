package dev.symphony.server.version;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two JSON views of a document, as a list of changes, each with a JSON Pointer
 * {@code path} (RFC 6901: {@code /notes/title}, {@code /list/3}) and an {@code op}: {@code added}
 * (with {@code to}), {@code removed} (with {@code from}) or {@code changed} (with both). Objects
 * are compared key by key and nested values recursively. Arrays keep their common start and end;
 * the differing middle is compared position by position, the longer side's rest being added or
 * removed (an element moved or inserted in the middle of a changed stretch shows as changes of the
 * positions after it). Strings and other values change as a whole.
 */
final class JsonDiff {

  private JsonDiff() {}

  static List<Map<String, Object>> between(JsonNode from, JsonNode to) {
    List<Map<String, Object>> changes = new ArrayList<>();
    compare("", from, to, changes);
    return changes;
  }

  private static void compare(
      String path, JsonNode from, JsonNode to, List<Map<String, Object>> changes) {
    if (from.equals(to)) {
      return;
    }
    if (from.isObject() && to.isObject()) {
      Set<String> keys = new LinkedHashSet<>();
      from.fieldNames().forEachRemaining(keys::add);
      to.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        String child = path + "/" + escape(key);
        JsonNode before = from.get(key);
        JsonNode after = to.get(key);
        if (before == null) {
          changes.add(change("added", child, null, after));
        } else if (after == null) {
          changes.add(change("removed", child, before, null));
        } else {
          compare(child, before, after, changes);
        }
      }
    } else if (from.isArray() && to.isArray()) {
      compareArrays(path, list(from), list(to), changes);
    } else {
      changes.add(change("changed", path, from, to));
    }
  }

  private static void compareArrays(
      String path, List<JsonNode> from, List<JsonNode> to, List<Map<String, Object>> changes) {
    int prefix = 0;
    while (prefix < from.size() && prefix < to.size() && from.get(prefix).equals(to.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < from.size() - prefix
        && suffix < to.size() - prefix
        && from.get(from.size() - 1 - suffix).equals(to.get(to.size() - 1 - suffix))) {
      suffix++;
    }
    int fromEnd = from.size() - suffix;
    int toEnd = to.size() - suffix;
    int paired = Math.min(fromEnd, toEnd) - prefix;
    for (int i = 0; i < paired; i++) {
      compare(path + "/" + (prefix + i), from.get(prefix + i), to.get(prefix + i), changes);
    }
    // Paths of the unpaired rest are positions in the version they exist in.
    for (int i = prefix + paired; i < fromEnd; i++) {
      changes.add(change("removed", path + "/" + i, from.get(i), null));
    }
    for (int i = prefix + paired; i < toEnd; i++) {
      changes.add(change("added", path + "/" + i, null, to.get(i)));
    }
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> values = new ArrayList<>(array.size());
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      values.add(it.next());
    }
    return values;
  }

  private static Map<String, Object> change(String op, String path, JsonNode from, JsonNode to) {
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("op", op);
    change.put("path", path);
    if (from != null) {
      change.put("from", from);
    }
    if (to != null) {
      change.put("to", to);
    }
    return change;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
