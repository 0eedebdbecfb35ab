package dev.symphony.yjs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rich-text editing on the item list of a text: formatting is stored as pairs of format items
 * (attribute set / attribute restored) around the content, following Yjs's YText algorithms.
 */
final class TextOps {
  private TextOps() {}

  /** Inserts a string, an embed or a type at the position, with exactly the given attributes. */
  static void insert(
      Transaction t,
      AbstractType text,
      TextPosition pos,
      Content content,
      Map<String, Object> attrs) {
    Map<String, Object> attributes = new LinkedHashMap<>(attrs);
    for (String key : pos.currentAttributes.keySet()) {
      attributes.putIfAbsent(key, null);
    }
    minimizeAttributeChanges(pos, attributes);
    Map<String, Object> negated = insertAttributes(t, text, pos, attributes);
    if (text.searchMarkers != null) {
      SearchMarker.updateChanges(text.searchMarkers, pos.index, content.length());
    }
    Item item = text.newItem(t, pos.left, pos.right, null, content);
    item.integrate(t, 0);
    pos.right = item;
    pos.forward();
    insertNegatedAttributes(t, text, pos, negated);
  }

  /** Skips deleted items and formats that already have the wanted value. */
  private static void minimizeAttributeChanges(TextPosition pos, Map<String, Object> attributes) {
    while (pos.right != null) {
      boolean skip =
          pos.right.isDeleted()
              || (pos.right.content instanceof ContentFormat f
                  && TextPosition.equalAttributes(attributes.get(f.key), f.value));
      if (!skip) {
        break;
      }
      pos.forward();
    }
  }

  /** Inserts format items for attributes that differ; returns what to restore afterwards. */
  private static Map<String, Object> insertAttributes(
      Transaction t, AbstractType text, TextPosition pos, Map<String, Object> attributes) {
    Map<String, Object> negated = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : attributes.entrySet()) {
      String key = entry.getKey();
      Object value = entry.getValue();
      Object current = pos.currentAttributes.get(key);
      if (!TextPosition.equalAttributes(current, value)) {
        negated.put(key, current);
        Item format = text.newItem(t, pos.left, pos.right, null, ContentFormat.of(key, value));
        format.integrate(t, 0);
        pos.right = format;
        pos.forward();
      }
    }
    return negated;
  }

  private static void insertNegatedAttributes(
      Transaction t, AbstractType text, TextPosition pos, Map<String, Object> negated) {
    while (pos.right != null
        && (pos.right.isDeleted()
            || (pos.right.content instanceof ContentFormat f
                && negated.containsKey(f.key)
                && TextPosition.equalAttributes(negated.get(f.key), f.value)))) {
      if (!pos.right.isDeleted()) {
        negated.remove(((ContentFormat) pos.right.content).key);
      }
      pos.forward();
    }
    for (Map.Entry<String, Object> entry : negated.entrySet()) {
      Item format =
          text.newItem(
              t, pos.left, pos.right, null, ContentFormat.of(entry.getKey(), entry.getValue()));
      format.integrate(t, 0);
      pos.right = format;
      pos.forward();
    }
  }

  static void format(
      Transaction t,
      AbstractType text,
      TextPosition pos,
      int length,
      Map<String, Object> attributes) {
    minimizeAttributeChanges(pos, attributes);
    Map<String, Object> negated = insertAttributes(t, text, pos, attributes);
    iteration:
    while (pos.right != null
        && (length > 0
            || (!negated.isEmpty()
                && (pos.right.isDeleted() || pos.right.content instanceof ContentFormat)))) {
      if (!pos.right.isDeleted()) {
        if (pos.right.content instanceof ContentFormat f) {
          if (attributes.containsKey(f.key)) {
            Object wanted = attributes.get(f.key);
            if (TextPosition.equalAttributes(wanted, f.value)) {
              negated.remove(f.key);
            } else {
              if (length == 0) {
                break iteration;
              }
              negated.put(f.key, f.value);
            }
            pos.right.delete(t);
          } else {
            pos.currentAttributes.put(f.key, f.value);
          }
        } else {
          if (length < pos.right.length) {
            t.doc.store.getItemCleanStart(t, new ID(pos.right.client, pos.right.clock + length));
          }
          length -= pos.right.length;
        }
      }
      pos.forward();
    }
    if (length > 0) {
      // Formatting past the end inserts newlines, as Quill expects a text to end with one.
      Item newlines =
          text.newItem(t, pos.left, pos.right, null, new ContentString("\n".repeat(length)));
      newlines.integrate(t, 0);
      pos.right = newlines;
      pos.forward();
    }
    insertNegatedAttributes(t, text, pos, negated);
  }

  static void delete(Transaction t, TextPosition pos, int length) {
    int startLength = length;
    Map<String, Object> startAttributes = new HashMap<>(pos.currentAttributes);
    Item start = pos.right;
    while (length > 0 && pos.right != null) {
      if (!pos.right.isDeleted()) {
        Content c = pos.right.content;
        if (c instanceof ContentString || c instanceof ContentEmbed || c instanceof ContentType) {
          if (length < pos.right.length) {
            t.doc.store.getItemCleanStart(t, new ID(pos.right.client, pos.right.clock + length));
          }
          length -= pos.right.length;
          pos.right.delete(t);
        }
      }
      pos.forward();
    }
    if (start != null) {
      cleanupFormattingGap(t, start, pos.right, startAttributes, pos.currentAttributes);
    }
    Item any = pos.left != null ? pos.left : pos.right;
    AbstractType parent = any == null ? null : any.parentType();
    if (parent != null && parent.searchMarkers != null) {
      SearchMarker.updateChanges(parent.searchMarkers, pos.index, -startLength + length);
    }
  }

  /** Deletes format items made redundant by a deletion between {@code start} and {@code curr}. */
  private static void cleanupFormattingGap(
      Transaction t,
      Item start,
      Item curr,
      Map<String, Object> startAttributes,
      Map<String, Object> currAttributes) {
    Item end = start;
    Map<String, ContentFormat> endFormats = new HashMap<>();
    while (end != null && (!end.isCountable() || end.isDeleted())) {
      if (!end.isDeleted() && end.content instanceof ContentFormat f) {
        endFormats.put(f.key, f);
      }
      end = end.right;
    }
    boolean reachedCurr = false;
    while (start != end) {
      if (curr == start) {
        reachedCurr = true;
      }
      if (!start.isDeleted() && start.content instanceof ContentFormat f) {
        Object startValue = startAttributes.get(f.key);
        if (endFormats.get(f.key) != f || TextPosition.equalAttributes(startValue, f.value)) {
          start.delete(t);
          if (!reachedCurr
              && TextPosition.equalAttributes(currAttributes.get(f.key), f.value)
              && !TextPosition.equalAttributes(startValue, f.value)) {
            if (startValue == null) {
              currAttributes.remove(f.key);
            } else {
              currAttributes.put(f.key, startValue);
            }
          }
        }
        if (!reachedCurr && !start.isDeleted()) {
          TextPosition.updateAttributes(currAttributes, f);
        }
      }
      start = start.right;
    }
  }

  /** The text as a Quill-style delta: runs of inserts with their attributes. */
  static List<Map<String, Object>> toDelta(AbstractType text) {
    List<Map<String, Object>> ops = new ArrayList<>();
    Map<String, Object> current = new LinkedHashMap<>();
    StringBuilder str = new StringBuilder();
    for (Item n = text.start; n != null; n = n.right) {
      if (n.isDeleted()) {
        continue;
      }
      switch (n.content) {
        case ContentString s -> s.appendTo(str);
        case ContentFormat f -> {
          pack(ops, str, current);
          TextPosition.updateAttributes(current, f);
        }
        case ContentEmbed e -> {
          pack(ops, str, current);
          ops.add(op(e.value(), current));
        }
        case ContentType ct -> {
          pack(ops, str, current);
          ops.add(op(ct.type(), current));
        }
        default -> {}
      }
    }
    pack(ops, str, current);
    return ops;
  }

  private static void pack(
      List<Map<String, Object>> ops, StringBuilder str, Map<String, Object> attributes) {
    if (!str.isEmpty()) {
      ops.add(op(str.toString(), attributes));
      str.setLength(0);
    }
  }

  private static Map<String, Object> op(Object insert, Map<String, Object> attributes) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("insert", insert);
    if (!attributes.isEmpty()) {
      op.put("attributes", new LinkedHashMap<>(attributes));
    }
    return op;
  }
}
