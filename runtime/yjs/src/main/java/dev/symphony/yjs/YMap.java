package dev.symphony.yjs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A shared map from string keys to JSON-like values, byte arrays and nested shared types. */
public class YMap extends AbstractType {
  private Map<String, Object> prelim = new LinkedHashMap<>();

  /** A new map, to be inserted into a document (as a map value or list element). */
  public YMap() {}

  @Override
  int typeRef() {
    return MAP_REF;
  }

  @Override
  void integrate(YDoc doc, Item item) {
    super.integrate(doc, item);
    Map<String, Object> content = prelim;
    prelim = null;
    if (content != null && !content.isEmpty()) {
      Transaction t = doc.currentTransaction();
      content.forEach((key, value) -> mapSet(t, key, value));
    }
  }

  public void set(String key, Object value) {
    if (prelim != null) {
      ValueContent.forMapValue(value); // fail now, not when inserted
      prelim.put(key, value);
      return;
    }
    transact(t -> mapSet(t, key, value));
  }

  /** The value of {@code key}, or null when absent (a stored null also reads as null; see has). */
  public Object get(String key) {
    return prelim != null ? prelim.get(key) : mapGet(key);
  }

  public boolean has(String key) {
    return prelim != null ? prelim.containsKey(key) : mapHas(key);
  }

  public void delete(String key) {
    if (prelim != null) {
      prelim.remove(key);
      return;
    }
    transact(t -> mapDelete(t, key));
  }

  public int size() {
    return prelim != null ? prelim.size() : mapEntries().size();
  }

  public Set<String> keys() {
    return prelim != null ? Set.copyOf(prelim.keySet()) : mapEntries().keySet();
  }

  /** The entries (nested types as the live types). */
  public Map<String, Object> toMap() {
    return prelim != null ? new LinkedHashMap<>(prelim) : mapEntries();
  }

  @Override
  Object toJsonValue() {
    if (prelim != null) {
      Map<String, Object> json = new LinkedHashMap<>();
      prelim.forEach((k, v) -> json.put(k, toJsonValueOf(v)));
      return json;
    }
    return mapToJsonValue();
  }
}
