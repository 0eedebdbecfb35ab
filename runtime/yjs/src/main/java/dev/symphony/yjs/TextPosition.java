package dev.symphony.yjs;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** A cursor between two items of a text, with the formatting attributes in effect there. */
final class TextPosition {
  Item left;
  Item right;
  int index;
  final Map<String, Object> currentAttributes;

  TextPosition(Item left, Item right, int index, Map<String, Object> currentAttributes) {
    this.left = left;
    this.right = right;
    this.index = index;
    this.currentAttributes = currentAttributes;
  }

  void forward() {
    if (right == null) {
      throw new IllegalStateException("cannot move past the end of the text");
    }
    if (!right.isDeleted()) {
      if (right.content instanceof ContentFormat format) {
        updateAttributes(currentAttributes, format);
      } else {
        index += right.length;
      }
    }
    left = right;
    right = right.right;
  }

  static void updateAttributes(Map<String, Object> attributes, ContentFormat format) {
    if (format.value == null) {
      attributes.remove(format.key);
    } else {
      attributes.put(format.key, format.value);
    }
  }

  /** Equality of attribute values as Yjs sees it: identical, or flat objects with equal entries. */
  static boolean equalAttributes(Object a, Object b) {
    if (Objects.equals(a, b)) {
      return true;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      return ma.size() == mb.size()
          && ma.entrySet().stream()
              .allMatch(
                  e ->
                      mb.containsKey(e.getKey())
                          && Objects.equals(e.getValue(), mb.get(e.getKey())));
    }
    return a instanceof Number na && b instanceof Number nb && na.doubleValue() == nb.doubleValue();
  }

  static TextPosition find(Transaction t, AbstractType text, int index, boolean useSearchMarker) {
    Map<String, Object> attributes = new HashMap<>();
    SearchMarker marker = useSearchMarker ? SearchMarker.find(text, index) : null;
    TextPosition pos =
        marker != null
            ? new TextPosition(marker.item.left, marker.item, marker.index, attributes)
            : new TextPosition(null, text.start, 0, attributes);
    return pos.advance(t, index - pos.index);
  }

  /** Moves right over {@code count} visible units, splitting an item to land between units. */
  TextPosition advance(Transaction t, int count) {
    while (right != null && count > 0) {
      if (right.content instanceof ContentFormat format) {
        if (!right.isDeleted()) {
          updateAttributes(currentAttributes, format);
        }
      } else if (!right.isDeleted()) {
        if (count < right.length) {
          t.doc.store.getItemCleanStart(t, new ID(right.client, right.clock + count));
        }
        index += right.length;
        count -= right.length;
      }
      left = right;
      right = right.right;
    }
    return this;
  }
}
