package dev.symphony.crdtbench.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalises values read back from an engine so that equal content compares equal. */
public final class Values {

  private Values() {}

  /**
   * Integers become {@link Long} (engines return Integer, Long or whole doubles), other numbers
   * {@link Double}; lists and maps are normalised recursively.
   */
  public static Object normalize(Object value) {
    if (value instanceof Number number) {
      double asDouble = number.doubleValue();
      if (asDouble == Math.rint(asDouble) && Math.abs(asDouble) < 0x1p53) {
        return number.longValue();
      }
      return asDouble;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object element : list) {
        out.add(normalize(element));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((key, element) -> out.put(String.valueOf(key), normalize(element)));
      return out;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> normalizeList(Object value) {
    return (List<Object>) normalize(value);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> normalizeMap(Object value) {
    return (Map<String, Object>) normalize(value);
  }
}
