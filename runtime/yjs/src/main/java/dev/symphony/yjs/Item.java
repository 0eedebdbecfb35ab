package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A run of content in a list (text, array, XML children) or one value of a map key. Items form a
 * doubly linked list per parent; {@code origin} and {@code rightOrigin} are the neighbours it was
 * inserted between and decide its place among concurrent inserts (YATA, with Yjs's rules).
 */
final class Item extends AbstractStruct {
  private static final int KEEP = 1;
  private static final int COUNTABLE = 2;
  private static final int DELETED = 4;
  private static final int MARKER = 8;

  static final int BIT_ORIGIN = 0x80;
  static final int BIT_RIGHT_ORIGIN = 0x40;
  static final int BIT_PARENT_SUB = 0x20;

  ID origin;
  ID rightOrigin;
  Item left;
  Item right;

  /**
   * Before integration: the parent as decoded (a root type name, the {@link ID} of the item holding
   * the parent type, or null when it follows from the origins). After: the {@link AbstractType}.
   */
  Object parent;

  /** The map key of a map entry; null for list content. */
  String parentSub;

  Content content;
  private byte flags;

  Item(
      long client,
      int clock,
      Item left,
      ID origin,
      Item right,
      ID rightOrigin,
      Object parent,
      String parentSub,
      Content content) {
    super(client, clock, content.length());
    this.left = left;
    this.origin = origin;
    this.right = right;
    this.rightOrigin = rightOrigin;
    this.parent = parent;
    this.parentSub = parentSub;
    this.content = content;
    this.flags = content.isCountable() ? (byte) COUNTABLE : 0;
  }

  AbstractType parentType() {
    return (AbstractType) parent;
  }

  ID lastId() {
    return length == 1 ? new ID(client, clock) : new ID(client, clock + length - 1);
  }

  boolean isCountable() {
    return (flags & COUNTABLE) != 0;
  }

  @Override
  boolean isDeleted() {
    return (flags & DELETED) != 0;
  }

  void markDeleted() {
    flags |= DELETED;
  }

  boolean keep() {
    return (flags & KEEP) != 0;
  }

  void setKeep(boolean keep) {
    flags = (byte) (keep ? flags | KEEP : flags & ~KEEP);
  }

  boolean isMarker() {
    return (flags & MARKER) != 0;
  }

  void setMarker(boolean marker) {
    flags = (byte) (marker ? flags | MARKER : flags & ~MARKER);
  }

  /** The next item to the right that is not deleted. */
  Item next() {
    Item n = right;
    while (n != null && n.isDeleted()) {
      n = n.right;
    }
    return n;
  }

  /** The next item to the left that is not deleted. */
  Item prev() {
    Item n = left;
    while (n != null && n.isDeleted()) {
      n = n.left;
    }
    return n;
  }

  @Override
  long missingDependency(Transaction transaction, StructStore store) {
    if (origin != null
        && origin.client() != client
        && origin.clock() >= store.getState(origin.client())) {
      return origin.client();
    }
    if (rightOrigin != null
        && rightOrigin.client() != client
        && rightOrigin.clock() >= store.getState(rightOrigin.client())) {
      return rightOrigin.client();
    }
    if (parent instanceof ID parentId
        && client != parentId.client()
        && parentId.clock() >= store.getState(parentId.client())) {
      return parentId.client();
    }
    // Every dependency exists: resolve origins to neighbours and the parent to a type.
    AbstractStruct leftStruct = null;
    AbstractStruct rightStruct = null;
    if (origin != null) {
      leftStruct = store.getItemCleanEnd(transaction, origin);
      origin = leftStruct instanceof Item li ? li.lastId() : lastIdOf(leftStruct);
      left = leftStruct instanceof Item li ? li : null;
    }
    if (rightOrigin != null) {
      rightStruct = store.getItemCleanStart(transaction, rightOrigin);
      rightOrigin = rightStruct.id();
      right = rightStruct instanceof Item ri ? ri : null;
    }
    if (leftStruct instanceof GC || rightStruct instanceof GC) {
      parent = null;
    } else if (parent == null) {
      // The parent is not encoded when it can be copied from a neighbour.
      if (leftStruct instanceof Item li) {
        parent = li.parent;
        parentSub = li.parentSub;
      }
      if (rightStruct instanceof Item ri) {
        parent = ri.parent;
        parentSub = ri.parentSub;
      }
    } else if (parent instanceof ID parentId) {
      AbstractStruct parentStruct = store.find(parentId);
      if (parentStruct instanceof Item pi && pi.content instanceof ContentType ct) {
        parent = ct.type();
      } else {
        parent = null; // the parent was garbage-collected: this item is too
      }
    } else if (parent instanceof String rootName) {
      parent = transaction.doc.rootType(rootName);
    }
    return -1;
  }

  private static ID lastIdOf(AbstractStruct struct) {
    return new ID(struct.client, struct.clock + struct.length - 1);
  }

  @Override
  void integrate(Transaction transaction, int offset) {
    StructStore store = transaction.doc.store;
    if (offset > 0) {
      clock += offset;
      AbstractStruct leftStruct = store.getItemCleanEnd(transaction, new ID(client, clock - 1));
      left = leftStruct instanceof Item li ? li : null;
      origin = lastIdOf(leftStruct);
      content = content.splice(offset);
      length -= offset;
    }
    if (parent instanceof String rootName) {
      parent = transaction.doc.rootType(rootName);
    }
    if (!(parent instanceof AbstractType parentType)) {
      // The parent was garbage-collected: keep only the clock range.
      new GC(client, clock, length).integrate(transaction, 0);
      return;
    }
    if ((left == null && (right == null || right.left != null))
        || (left != null && left.right != right)) {
      resolveConflicts(transaction, parentType);
    }
    linkIntoParent(transaction, parentType);
    if (parentSub == null && isCountable() && !isDeleted()) {
      parentType.length += length;
    }
    store.addStruct(this);
    content.integrate(transaction, this);
    transaction.addChangedType(parentType, parentSub);
    if ((parentType.item != null && parentType.item.isDeleted())
        || (parentSub != null && right != null)) {
      // Inserted into a deleted type, or an older value of a map key: deleted on arrival.
      delete(transaction);
    }
  }

  /**
   * Finds the left neighbour among concurrent inserts between the same origins. Items are ordered
   * by their origins first; inserts with the same origins are ordered by client id, lower first.
   */
  private void resolveConflicts(Transaction transaction, AbstractType parentType) {
    StructStore store = transaction.doc.store;
    Item newLeft = left;
    Item o;
    if (newLeft != null) {
      o = newLeft.right;
    } else if (parentSub != null) {
      o = parentType.map().get(parentSub);
      while (o != null && o.left != null) {
        o = o.left;
      }
    } else {
      o = parentType.start;
    }
    Set<Item> conflictingItems = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Item> itemsBeforeOrigin = Collections.newSetFromMap(new IdentityHashMap<>());
    while (o != null && o != right) {
      itemsBeforeOrigin.add(o);
      conflictingItems.add(o);
      if (ID.equal(origin, o.origin)) {
        // Case 1: same left origin: the lower client id goes first.
        if (o.client < client) {
          newLeft = o;
          conflictingItems.clear();
        } else if (ID.equal(rightOrigin, o.rightOrigin)) {
          // Same integration points: the id decides, and this goes left of o.
          break;
        }
      } else if (o.origin != null && itemsBeforeOrigin.contains(store.find(o.origin))) {
        // Case 2: o's origin lies between our origin and o.
        if (!conflictingItems.contains(store.find(o.origin))) {
          newLeft = o;
          conflictingItems.clear();
        }
      } else {
        break;
      }
      o = o.right;
    }
    left = newLeft;
  }

  private void linkIntoParent(Transaction transaction, AbstractType parentType) {
    if (left != null) {
      right = left.right;
      left.right = this;
    } else {
      Item r;
      if (parentSub != null) {
        r = parentType.map().get(parentSub);
        while (r != null && r.left != null) {
          r = r.left;
        }
      } else {
        r = parentType.start;
        parentType.start = this;
      }
      right = r;
    }
    if (right != null) {
      right.left = this;
    } else if (parentSub != null) {
      // The right-most item of a key is its current value.
      parentType.map().put(parentSub, this);
      if (left != null) {
        left.delete(transaction); // the value this one overwrites
      }
    }
  }

  void delete(Transaction transaction) {
    if (isDeleted()) {
      return;
    }
    AbstractType parentType = parentType();
    if (isCountable() && parentSub == null) {
      parentType.length -= length;
    }
    markDeleted();
    transaction.deleteSet.add(client, clock, length);
    transaction.addChangedType(parentType, parentSub);
    content.delete(transaction);
  }

  /** Replaces deleted content with its length only; {@code parentGCd}: the whole item goes. */
  void gc(StructStore store, boolean parentGCd) {
    if (!isDeleted()) {
      throw new IllegalStateException("only deleted items are garbage-collected");
    }
    content.gc(store);
    if (parentGCd) {
      store.replaceStruct(this, new GC(client, clock, length));
    } else {
      content = new ContentDeleted(length);
    }
  }

  @Override
  boolean mergeWith(AbstractStruct rightStruct) {
    if (!(rightStruct instanceof Item r)) {
      return false;
    }
    if (ID.equal(r.origin, lastId())
        && right == r
        && ID.equal(rightOrigin, r.rightOrigin)
        && client == r.client
        && clock + length == r.clock
        && isDeleted() == r.isDeleted()
        && content.getClass() == r.content.getClass()
        && content.mergeWith(r.content)) {
      AbstractType parentType = parentType();
      if (parentType != null && parentType.searchMarkers != null) {
        for (SearchMarker marker : parentType.searchMarkers) {
          if (marker.item == r) {
            marker.item = this;
            if (!isDeleted() && isCountable()) {
              marker.index -= length;
            }
          }
        }
      }
      if (r.keep()) {
        setKeep(true);
      }
      right = r.right;
      if (right != null) {
        right.left = this;
      }
      length += r.length;
      return true;
    }
    return false;
  }

  /** Splits this item at {@code diff}; returns the new right part (already linked in). */
  Item split(Transaction transaction, int diff) {
    Item rightItem =
        new Item(
            client,
            clock + diff,
            this,
            new ID(client, clock + diff - 1),
            right,
            rightOrigin,
            parent,
            parentSub,
            content.splice(diff));
    if (isDeleted()) {
      rightItem.markDeleted();
    }
    if (keep()) {
      rightItem.setKeep(true);
    }
    // The left part keeps its rightOrigin: changing it would break syncing with others.
    right = rightItem;
    if (rightItem.right != null) {
      rightItem.right.left = rightItem;
    }
    transaction.mergeStructs.add(rightItem);
    if (rightItem.parentSub != null && rightItem.right == null) {
      rightItem.parentType().map().put(rightItem.parentSub, rightItem);
    }
    length = diff;
    return rightItem;
  }

  @Override
  void write(Lib0Writer out, int offset) {
    ID writtenOrigin = offset > 0 ? new ID(client, clock + offset - 1) : origin;
    int info =
        (content.ref() & 0x1F)
            | (writtenOrigin == null ? 0 : BIT_ORIGIN)
            | (rightOrigin == null ? 0 : BIT_RIGHT_ORIGIN)
            | (parentSub == null ? 0 : BIT_PARENT_SUB);
    out.writeUint8(info);
    if (writtenOrigin != null) {
      out.writeVarUint(writtenOrigin.client());
      out.writeVarUint(writtenOrigin.clock());
    }
    if (rightOrigin != null) {
      out.writeVarUint(rightOrigin.client());
      out.writeVarUint(rightOrigin.clock());
    }
    if (writtenOrigin == null && rightOrigin == null) {
      writeParent(out);
      if (parentSub != null) {
        out.writeVarString(parentSub);
      }
    }
    content.write(out, offset);
  }

  private void writeParent(Lib0Writer out) {
    switch (parent) {
      case AbstractType type when type.item == null -> {
        out.writeVarUint(1);
        out.writeVarString(type.rootName);
      }
      case AbstractType type -> {
        out.writeVarUint(0);
        out.writeVarUint(type.item.client);
        out.writeVarUint(type.item.clock);
      }
      case String rootName -> {
        out.writeVarUint(1);
        out.writeVarString(rootName);
      }
      case ID id -> {
        out.writeVarUint(0);
        out.writeVarUint(id.client());
        out.writeVarUint(id.clock());
      }
      case null, default ->
          throw new IllegalStateException("item " + id() + " has no parent to write");
    }
  }
}
