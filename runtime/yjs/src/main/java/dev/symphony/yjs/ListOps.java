package dev.symphony.yjs;

import java.util.ArrayList;
import java.util.List;

/** Insert, delete and lookup by index in the list of a type (arrays, XML children). */
final class ListOps {
  private ListOps() {}

  static void insert(Transaction t, AbstractType parent, int index, List<?> values) {
    if (index < 0 || index > parent.length) {
      throw new IndexOutOfBoundsException(
          "index " + index + " is outside the list of length " + parent.length);
    }
    if (index == 0) {
      if (parent.searchMarkers != null) {
        SearchMarker.updateChanges(parent.searchMarkers, index, values.size());
      }
      insertAfter(t, parent, null, values);
      return;
    }
    int startIndex = index;
    SearchMarker marker = SearchMarker.find(parent, index);
    Item n = parent.start;
    if (marker != null) {
      n = marker.item;
      index -= marker.index;
      if (index == 0) {
        // Step to the previous visible item so the loop below can count into it.
        n = n.prev();
        index += (n != null && n.isCountable() && !n.isDeleted()) ? n.length : 0;
      }
    }
    for (; n != null; n = n.right) {
      if (!n.isDeleted() && n.isCountable()) {
        if (index <= n.length) {
          if (index < n.length) {
            t.doc.store.getItemCleanStart(t, new ID(n.client, n.clock + index));
          }
          break;
        }
        index -= n.length;
      }
    }
    if (parent.searchMarkers != null) {
      SearchMarker.updateChanges(parent.searchMarkers, startIndex, values.size());
    }
    insertAfter(t, parent, n, values);
  }

  /**
   * Inserts after {@code reference} (null: at the start); consecutive JSON values share an item.
   */
  static void insertAfter(Transaction t, AbstractType parent, Item reference, List<?> values) {
    Item left = reference;
    Item right = reference == null ? parent.start : reference.right;
    List<Object> json = new ArrayList<>();
    for (Object value : values) {
      if (ValueContent.isJsonLike(value)) {
        json.add(ValueContent.copyJsonLike(value, 0));
        continue;
      }
      left = packJson(t, parent, left, right, json);
      Content content =
          value instanceof byte[] bytes
              ? new ContentBinary(bytes.clone())
              : new ContentType(ValueContent.requirePrelim((AbstractType) value));
      left = parent.newItem(t, left, right, null, content);
      left.integrate(t, 0);
    }
    packJson(t, parent, left, right, json);
  }

  private static Item packJson(
      Transaction t, AbstractType parent, Item left, Item right, List<Object> json) {
    if (json.isEmpty()) {
      return left;
    }
    Item item = parent.newItem(t, left, right, null, new ContentAny(new ArrayList<>(json)));
    item.integrate(t, 0);
    json.clear();
    return item;
  }

  static void push(Transaction t, AbstractType parent, List<?> values) {
    Item n = parent.start;
    int bestIndex = 0;
    if (parent.searchMarkers != null) {
      for (SearchMarker m : parent.searchMarkers) {
        if (m.index > bestIndex) {
          bestIndex = m.index;
          n = m.item;
        }
      }
    }
    if (n != null) {
      while (n.right != null) {
        n = n.right;
      }
    }
    insertAfter(t, parent, n, values);
  }

  static void delete(Transaction t, AbstractType parent, int index, int length) {
    if (length == 0) {
      return;
    }
    if (index < 0 || length < 0 || index + length > parent.length) {
      throw new IndexOutOfBoundsException(
          "cannot delete " + length + " at " + index + " from a list of length " + parent.length);
    }
    int startIndex = index;
    int startLength = length;
    SearchMarker marker = SearchMarker.find(parent, index);
    Item n = parent.start;
    if (marker != null) {
      n = marker.item;
      index -= marker.index;
    }
    for (; n != null && index > 0; n = n.right) {
      if (!n.isDeleted() && n.isCountable()) {
        if (index < n.length) {
          t.doc.store.getItemCleanStart(t, new ID(n.client, n.clock + index));
        }
        index -= n.length;
      }
    }
    while (length > 0 && n != null) {
      if (!n.isDeleted()) {
        if (length < n.length) {
          t.doc.store.getItemCleanStart(t, new ID(n.client, n.clock + length));
        }
        n.delete(t);
        length -= n.length;
      }
      n = n.right;
    }
    if (parent.searchMarkers != null) {
      SearchMarker.updateChanges(parent.searchMarkers, startIndex, -startLength + length);
    }
  }

  static Object get(AbstractType parent, int index) {
    if (index < 0 || index >= parent.length) {
      throw new IndexOutOfBoundsException(
          "index " + index + " is outside the list of length " + parent.length);
    }
    SearchMarker marker = SearchMarker.find(parent, index);
    Item n = parent.start;
    if (marker != null) {
      n = marker.item;
      index -= marker.index;
    }
    for (; n != null; n = n.right) {
      if (!n.isDeleted() && n.isCountable()) {
        if (index < n.length) {
          return n.content.values().get(index);
        }
        index -= n.length;
      }
    }
    throw new IllegalStateException("list shorter than its length " + parent.length);
  }
}
