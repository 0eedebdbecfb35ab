package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.List;

/** A nested shared type (map, array, text, XML node) as one element or map value. */
record ContentType(AbstractType type) implements UnitContent {
  static final int REF = 7;

  @Override
  public void integrate(Transaction transaction, Item item) {
    type.integrate(transaction.doc, item);
  }

  @Override
  public void delete(Transaction transaction) {
    for (Item item = type.start; item != null; item = item.right) {
      deleteOrRemember(transaction, item);
    }
    for (Item item : type.map().values()) {
      deleteOrRemember(transaction, item);
    }
    transaction.changed.remove(type);
  }

  private static void deleteOrRemember(Transaction transaction, Item item) {
    if (!item.isDeleted()) {
      item.delete(transaction);
    } else if (item.clock < transaction.beforeState(item.client)) {
      // Deleted earlier: it will be garbage-collected now, and merging it afterwards needs it
      // listed
      // because it is not in this transaction's delete set.
      transaction.mergeStructs.add(item);
    }
  }

  @Override
  public void gc(StructStore store) {
    for (Item item = type.start; item != null; item = item.right) {
      item.gc(store, true);
    }
    type.start = null;
    for (Item item : type.map().values()) {
      for (Item i = item; i != null; i = i.left) {
        i.gc(store, true);
      }
    }
    type.clearMap();
  }

  @Override
  public void write(Lib0Writer out, int offset) {
    type.writeTypeRef(out);
  }

  @Override
  public int ref() {
    return REF;
  }

  @Override
  public List<Object> values() {
    return List.of(type);
  }
}
