package dev.symphony.yjs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Shared rich text. Indices count UTF-16 code units, as in Yjs (and Java strings); embeds count as
 * one.
 */
public class YText extends AbstractType {
  private List<Consumer<Transaction>> pending = new ArrayList<>();

  /** A new text; may be edited before it is inserted into a document. */
  public YText() {
    searchMarkers = new ArrayList<>();
  }

  /** A new text with initial content. */
  public YText(String initial) {
    this();
    insert(0, initial);
  }

  @Override
  int typeRef() {
    return TEXT_REF;
  }

  @Override
  void integrate(YDoc doc, Item item) {
    super.integrate(doc, item);
    List<Consumer<Transaction>> queued = pending;
    pending = null;
    if (!queued.isEmpty()) {
      Transaction t = doc.currentTransaction();
      for (Consumer<Transaction> edit : queued) {
        edit.accept(t);
      }
    }
  }

  private void edit(Consumer<Transaction> body) {
    if (pending != null) {
      pending.add(body);
    } else {
      transact(body);
    }
  }

  public int length() {
    return length;
  }

  /** Inserts text that takes the formatting of the text around it. */
  public void insert(int index, String text) {
    if (text.isEmpty()) {
      return;
    }
    checkIndex(index);
    edit(
        t -> {
          TextPosition pos = TextPosition.find(t, this, index, true);
          Map<String, Object> inherited = new java.util.LinkedHashMap<>(pos.currentAttributes);
          TextOps.insert(t, this, pos, new ContentString(text), inherited);
        });
  }

  /** Inserts text with exactly these attributes (others in effect at the index are ended). */
  public void insert(int index, String text, Map<String, Object> attributes) {
    if (text.isEmpty()) {
      return;
    }
    checkIndex(index);
    Map<String, Object> attrs = copyAttributes(attributes);
    edit(
        t ->
            TextOps.insert(
                t, this, TextPosition.find(t, this, index, false), new ContentString(text), attrs));
  }

  /** Inserts an embed (a JSON-like value such as {"image": "..."}), counting as one unit. */
  public void insertEmbed(int index, Object embed, Map<String, Object> attributes) {
    checkIndex(index);
    Content content =
        embed instanceof AbstractType type
            ? new ContentType(ValueContent.requirePrelim(type))
            : ContentEmbed.of(ValueContent.copyJsonLike(embed, 0));
    Map<String, Object> attrs = copyAttributes(attributes);
    edit(t -> TextOps.insert(t, this, TextPosition.find(t, this, index, false), content, attrs));
  }

  /** Sets attributes on a range; a null value removes that attribute. */
  public void format(int index, int length, Map<String, Object> attributes) {
    if (length == 0) {
      return;
    }
    checkIndex(index);
    Map<String, Object> attrs = copyAttributes(attributes);
    edit(
        t -> {
          TextPosition pos = TextPosition.find(t, this, index, false);
          if (pos.right != null) {
            TextOps.format(t, this, pos, length, attrs);
          }
        });
  }

  public void delete(int index, int length) {
    if (length == 0) {
      return;
    }
    if (index < 0 || length < 0 || (pending == null && index + length > this.length)) {
      throw new IndexOutOfBoundsException(
          "cannot delete " + length + " at " + index + " from a text of length " + this.length);
    }
    edit(t -> TextOps.delete(t, TextPosition.find(t, this, index, true), length));
  }

  private void checkIndex(int index) {
    if (index < 0 || (pending == null && index > length)) {
      throw new IndexOutOfBoundsException(
          "index " + index + " is outside the text of length " + length);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copyAttributes(Map<String, Object> attributes) {
    return attributes == null
        ? new java.util.LinkedHashMap<>()
        : (Map<String, Object>) ValueContent.copyJsonLike(attributes, 0);
  }

  /** The text as a Quill delta: a list of {"insert": ..., "attributes": {...}} operations. */
  public List<Map<String, Object>> toDelta() {
    return TextOps.toDelta(this);
  }

  /** The plain text (embeds and formatting left out). */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(length);
    for (Item n = start; n != null; n = n.right) {
      if (!n.isDeleted() && n.content instanceof ContentString s) {
        s.appendTo(out);
      }
    }
    return out.toString();
  }

  @Override
  Object toJsonValue() {
    return toString();
  }
}
