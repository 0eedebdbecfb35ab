package dev.symphony.yjs;

import java.util.ArrayList;
import java.util.List;

/** A shared list of JSON-like values, byte arrays and nested shared types. */
public final class YArray extends AbstractType {
  private List<Object> prelim = new ArrayList<>();

  /** A new array, to be inserted into a document (as a map value or list element). */
  public YArray() {
    searchMarkers = new ArrayList<>();
  }

  @Override
  int typeRef() {
    return ARRAY_REF;
  }

  @Override
  void integrate(YDoc doc, Item item) {
    super.integrate(doc, item);
    if (prelim != null && !prelim.isEmpty()) {
      List<Object> content = prelim;
      prelim = null;
      ListOps.insert(doc.currentTransaction(), this, 0, content);
    }
    prelim = null;
  }

  public int length() {
    return prelim != null ? prelim.size() : length;
  }

  public void insert(int index, List<?> values) {
    if (prelim != null) {
      prelim.addAll(index, values);
      return;
    }
    transact(t -> ListOps.insert(t, this, index, values));
  }

  public void push(List<?> values) {
    if (prelim != null) {
      prelim.addAll(values);
      return;
    }
    transact(t -> ListOps.push(t, this, values));
  }

  public void delete(int index, int count) {
    if (prelim != null) {
      prelim.subList(index, index + count).clear();
      return;
    }
    transact(t -> ListOps.delete(t, this, index, count));
  }

  public Object get(int index) {
    return prelim != null ? prelim.get(index) : ListOps.get(this, index);
  }

  /** The elements in order (nested types as the live types). */
  public List<Object> toList() {
    return prelim != null ? List.copyOf(prelim) : listValues();
  }

  @Override
  Object toJsonValue() {
    return listToJsonValue();
  }
}
