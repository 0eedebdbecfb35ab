package dev.symphony.yjs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happens after a transaction: observers are called, deleted content is garbage-collected,
 * adjacent structs are merged, and the transaction's update is emitted.
 */
final class TransactionCleanup {
  private TransactionCleanup() {}

  static void run(YDoc doc, List<Transaction> queue) {
    try {
      // Observers may start new transactions; they join the queue and are cleaned up in turn.
      for (int i = 0; i < queue.size(); i++) {
        cleanup(doc, queue.get(i));
      }
    } finally {
      queue.clear();
    }
  }

  private static void cleanup(YDoc doc, Transaction t) {
    StructStore store = doc.store;
    t.deleteSet.sortAndMerge();
    t.afterState = store.stateVector();
    try {
      for (Map.Entry<AbstractType, Set<String>> entry : t.changed.entrySet()) {
        AbstractType type = entry.getKey();
        if (type.item == null || !type.item.isDeleted()) {
          type.callObservers(t, entry.getValue());
        }
      }
    } finally {
      if (doc.gc) {
        collectGarbage(t.deleteSet, store);
      }
      mergeDeleted(t.deleteSet, store);
      mergeNewStructs(t, store);
      mergeSplitStructs(t, store);
      if (!t.local
          && t.afterState.get(doc.clientId) != null
          && !t.afterState.get(doc.clientId).equals(t.beforeState.get(doc.clientId))) {
        // Another replica uses our client id: continuing with it would corrupt both documents.
        doc.clientId = YDoc.newClientId();
      }
      if (doc.hasUpdateListeners() && t.hasChanges()) {
        doc.emitUpdate(UpdateWriter.encodeTransaction(t));
      }
    }
  }

  private static void collectGarbage(DeleteSet ds, StructStore store) {
    for (Map.Entry<Long, List<DeleteSet.Range>> entry : ds.clients.entrySet()) {
      List<AbstractStruct> structs = store.structs(entry.getKey());
      List<DeleteSet.Range> ranges = entry.getValue();
      for (int di = ranges.size() - 1; di >= 0; di--) {
        DeleteSet.Range range = ranges.get(di);
        int end = range.end();
        for (int si = StructStore.findIndex(structs, range.clock); si < structs.size(); si++) {
          AbstractStruct struct = structs.get(si);
          if (struct.clock >= end) {
            break;
          }
          if (struct instanceof Item item && item.isDeleted() && !item.keep()) {
            item.gc(store, false);
          }
        }
      }
    }
  }

  private static void mergeDeleted(DeleteSet ds, StructStore store) {
    for (Map.Entry<Long, List<DeleteSet.Range>> entry : ds.clients.entrySet()) {
      List<AbstractStruct> structs = store.structs(entry.getKey());
      List<DeleteSet.Range> ranges = entry.getValue();
      for (int di = ranges.size() - 1; di >= 0; di--) {
        DeleteSet.Range range = ranges.get(di);
        int mostRight =
            Math.min(structs.size() - 1, 1 + StructStore.findIndex(structs, range.end() - 1));
        for (int si = mostRight; si > 0 && structs.get(si).clock >= range.clock; ) {
          si -= 1 + mergeWithLefts(structs, si);
        }
      }
    }
  }

  private static void mergeNewStructs(Transaction t, StructStore store) {
    for (Map.Entry<Long, Integer> entry : t.afterState.entrySet()) {
      int before = t.beforeState(entry.getKey());
      if (before != entry.getValue()) {
        List<AbstractStruct> structs = store.structs(entry.getKey());
        int firstChange = Math.max(StructStore.findIndex(structs, before), 1);
        for (int i = structs.size() - 1; i >= firstChange; ) {
          i -= 1 + mergeWithLefts(structs, i);
        }
      }
    }
  }

  private static void mergeSplitStructs(Transaction t, StructStore store) {
    for (int i = t.mergeStructs.size() - 1; i >= 0; i--) {
      AbstractStruct struct = t.mergeStructs.get(i);
      List<AbstractStruct> structs = store.structs(struct.client);
      int pos = StructStore.findIndex(structs, struct.clock);
      if (pos + 1 < structs.size() && mergeWithLefts(structs, pos + 1) > 1) {
        continue; // both neighbours are merged already
      }
      if (pos > 0) {
        mergeWithLefts(structs, pos);
      }
    }
  }

  /** Merges the struct at {@code pos} into its left neighbours while possible; returns how many. */
  static int mergeWithLefts(List<AbstractStruct> structs, int pos) {
    AbstractStruct right = structs.get(pos);
    int i = pos;
    for (; i > 0; i--) {
      AbstractStruct left = structs.get(i - 1);
      if (left.isDeleted() != right.isDeleted()
          || left.getClass() != right.getClass()
          || !left.mergeWith(right)) {
        break;
      }
      if (right instanceof Item r && r.parentSub != null) {
        Map<String, Item> map = r.parentType().map();
        if (map.get(r.parentSub) == r) {
          map.put(r.parentSub, (Item) left);
        }
      }
      right = left;
    }
    int merged = pos - i;
    if (merged > 0) {
      structs.subList(pos + 1 - merged, pos + 1).clear();
    }
    return merged;
  }
}
