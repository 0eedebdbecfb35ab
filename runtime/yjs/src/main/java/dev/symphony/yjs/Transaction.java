package dev.symphony.yjs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One batch of changes to a document. Changes made inside one transaction produce one update event;
 * after it, deleted content is garbage-collected and adjacent structs are merged.
 */
final class Transaction {
  final YDoc doc;
  final Object origin;

  /** False when the changes came from a remote update rather than the local API. */
  final boolean local;

  final DeleteSet deleteSet = new DeleteSet();
  final Map<Long, Integer> beforeState;
  Map<Long, Integer> afterState;

  /** Types changed by this transaction, with the map keys changed (null for list changes). */
  final Map<AbstractType, Set<String>> changed = new LinkedHashMap<>();

  /**
   * Structs created by splits or touched by garbage collection: candidates for merging afterwards.
   */
  final List<AbstractStruct> mergeStructs = new ArrayList<>();

  Transaction(YDoc doc, Object origin, boolean local) {
    this.doc = doc;
    this.origin = origin;
    this.local = local;
    this.beforeState = doc.store.stateVector();
  }

  int beforeState(long client) {
    Integer clock = beforeState.get(client);
    return clock == null ? 0 : clock;
  }

  void addChangedType(AbstractType type, String parentSub) {
    Item item = type.item;
    if (item == null || (item.clock < beforeState(item.client) && !item.isDeleted())) {
      changed.computeIfAbsent(type, t -> new HashSet<>()).add(parentSub);
    }
  }

  /** Whether the transaction added structs or deleted anything. */
  boolean hasChanges() {
    if (!deleteSet.isEmpty()) {
      return true;
    }
    for (Map.Entry<Long, Integer> entry : afterState.entrySet()) {
      if (!entry.getValue().equals(beforeState.get(entry.getKey()))) {
        return true;
      }
    }
    return false;
  }
}
