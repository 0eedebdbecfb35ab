package dev.symphony.server.version;

import dev.symphony.yjs.AbstractType;
import dev.symphony.yjs.YArray;
import dev.symphony.yjs.YMap;
import dev.symphony.yjs.YText;
import dev.symphony.yjs.YXmlElement;
import dev.symphony.yjs.YXmlFragment;
import dev.symphony.yjs.YXmlHook;
import dev.symphony.yjs.YXmlText;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and copies the content of shared types through the engine's public API: a structural
 * fingerprint (equal fingerprints mean equal content, formatting and XML included) and a deep copy
 * as new, not yet inserted types (so a copy can be inserted into another document).
 */
final class Content {

  private Content() {}

  /**
   * A plain value that equals another's exactly when the two contents are the same: kinds, text
   * with its formatting, XML names and attributes, nested values.
   */
  static Object fingerprint(Object value) {
    return switch (value) {
      case YXmlText text -> List.of("xml-text", deltaFingerprint(text));
      case YText text -> List.of("text", deltaFingerprint(text));
      case YXmlElement element ->
          List.of(
              "xml-element",
              element.nodeName(),
              mapFingerprint(element.getAttributes()),
              listFingerprint(children(element)));
      case YXmlFragment fragment -> List.of("xml-fragment", listFingerprint(children(fragment)));
      case YXmlHook hook -> List.of("xml-hook", hook.hookName(), mapFingerprint(hook.toMap()));
      case YMap map -> List.of("map", mapFingerprint(map.toMap()));
      case YArray array -> List.of("array", listFingerprint(array.toList()));
      case byte[] bytes -> ByteBuffer.wrap(bytes.clone());
      case null -> "null";
      default -> value;
    };
  }

  private static List<Object> deltaFingerprint(YText text) {
    List<Object> ops = new ArrayList<>();
    for (Map<String, Object> op : text.toDelta()) {
      Object attributes = op.get("attributes");
      ops.add(List.of(fingerprint(op.get("insert")), attributes == null ? Map.of() : attributes));
    }
    return ops;
  }

  private static Map<String, Object> mapFingerprint(Map<String, Object> entries) {
    Map<String, Object> prints = new LinkedHashMap<>();
    // Key order differs between replicas (insertion order on each); compare as a sorted map.
    new java.util.TreeMap<>(entries).forEach((key, value) -> prints.put(key, fingerprint(value)));
    return prints;
  }

  static List<Object> listFingerprint(List<?> values) {
    List<Object> prints = new ArrayList<>(values.size());
    for (Object value : values) {
      prints.add(fingerprint(value));
    }
    return prints;
  }

  static List<AbstractType> children(YXmlFragment fragment) {
    List<AbstractType> children = new ArrayList<>(fragment.length());
    for (int i = 0; i < fragment.length(); i++) {
      children.add(fragment.get(i));
    }
    return children;
  }

  /** A deep copy: shared types become new types with the same content; bytes are copied. */
  static Object copy(Object value) {
    return switch (value) {
      case YXmlText text -> copyText(text, new YXmlText());
      case YText text -> copyText(text, new YText());
      case YXmlElement element -> {
        YXmlElement copy = new YXmlElement(element.nodeName());
        element
            .getAttributes()
            .forEach((name, attribute) -> copy.setAttribute(name, copy(attribute)));
        copy.insert(0, copyNodes(children(element)));
        yield copy;
      }
      case YXmlFragment fragment -> {
        YXmlFragment copy = new YXmlFragment();
        copy.insert(0, copyNodes(children(fragment)));
        yield copy;
      }
      case YXmlHook hook -> {
        YXmlHook copy = new YXmlHook(hook.hookName());
        hook.toMap().forEach((key, entry) -> copy.set(key, copy(entry)));
        yield copy;
      }
      case YMap map -> {
        YMap copy = new YMap();
        map.toMap().forEach((key, entry) -> copy.set(key, copy(entry)));
        yield copy;
      }
      case YArray array -> {
        YArray copy = new YArray();
        copy.push(copyAll(array.toList()));
        yield copy;
      }
      case byte[] bytes -> bytes.clone();
      case null -> null;
      default -> value; // JSON-like values: the engine copies them as it inserts them
    };
  }

  static List<Object> copyAll(List<?> values) {
    List<Object> copies = new ArrayList<>(values.size());
    for (Object value : values) {
      copies.add(copy(value));
    }
    return copies;
  }

  static List<AbstractType> copyNodes(List<AbstractType> nodes) {
    List<AbstractType> copies = new ArrayList<>(nodes.size());
    for (AbstractType node : nodes) {
      copies.add((AbstractType) copy(node));
    }
    return copies;
  }

  /** Appends {@code source}'s text, embeds and formatting to {@code target} (at its end). */
  static <T extends YText> T copyText(YText source, T target) {
    appendDelta(target, target.length(), source.toDelta());
    return target;
  }

  /** Inserts a delta at {@code index}; each piece gets exactly its own attributes. */
  static void appendDelta(YText target, int index, List<Map<String, Object>> delta) {
    int at = index;
    for (Map<String, Object> op : delta) {
      @SuppressWarnings("unchecked")
      Map<String, Object> attributes =
          op.get("attributes") instanceof Map<?, ?> given
              ? new LinkedHashMap<>((Map<String, Object>) given)
              : new LinkedHashMap<>();
      Object insert = op.get("insert");
      if (insert instanceof String text) {
        target.insert(at, text, attributes);
        at += text.length();
      } else {
        target.insertEmbed(at, copy(insert), attributes);
        at += 1;
      }
    }
  }
}
