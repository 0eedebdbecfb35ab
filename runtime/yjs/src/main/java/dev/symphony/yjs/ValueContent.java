package dev.symphony.yjs;

import dev.symphony.yjs.codec.Undefined;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns values given to the API into content, checking and copying JSON-like values. */
final class ValueContent {
  private static final int MAX_DEPTH = 512;

  private ValueContent() {}

  static Content forMapValue(Object value) {
    return switch (value) {
      case byte[] bytes -> new ContentBinary(bytes.clone());
      case AbstractType type -> new ContentType(requirePrelim(type));
      case null -> new ContentAny(new ArrayList<>(java.util.Collections.singletonList(null)));
      default -> {
        List<Object> values = new ArrayList<>(1);
        values.add(copyJsonLike(value, 0));
        yield new ContentAny(values);
      }
    };
  }

  static boolean isJsonLike(Object value) {
    return !(value instanceof byte[]) && !(value instanceof AbstractType);
  }

  static AbstractType requirePrelim(AbstractType type) {
    if (type.isIntegrated()) {
      throw new IllegalArgumentException(
          "this "
              + type.getClass().getSimpleName()
              + " is already part of a document; insert a new one");
    }
    return type;
  }

  /**
   * A deep copy of a JSON-like value, so later changes by the caller do not leak into the document.
   */
  static Object copyJsonLike(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels");
    }
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Integer i -> i;
      case Long l -> l;
      case Short s -> (int) s;
      case Byte b -> (int) b;
      case Double d -> d;
      case Float f -> f.doubleValue();
      case BigInteger big -> big;
      case Undefined u -> u;
      case byte[] bytes -> bytes.clone();
      case List<?> list -> {
        List<Object> copy = new ArrayList<>(list.size());
        for (Object element : list) {
          copy.add(copyJsonLike(element, depth + 1));
        }
        yield copy;
      }
      case Map<?, ?> map -> {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!(entry.getKey() instanceof String key)) {
            throw new IllegalArgumentException("map keys must be strings, got " + entry.getKey());
          }
          copy.put(key, copyJsonLike(entry.getValue(), depth + 1));
        }
        yield copy;
      }
      case AbstractType type ->
          throw new IllegalArgumentException(
              "shared types cannot be nested inside plain JSON values; set them directly");
      default ->
          throw new IllegalArgumentException(
              "unsupported value type "
                  + value.getClass().getName()
                  + " (use null, Boolean, Number, String, byte[], List, Map or a shared type)");
    };
  }
}
