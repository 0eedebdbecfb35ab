package dev.symphony.yjs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All structs of a document, per client, ordered by clock with no gaps. */
final class StructStore {
  final Map<Long, ArrayList<AbstractStruct>> clients = new HashMap<>();

  /** Structs that wait for structs we do not have yet: an update (v1) and what it misses. */
  byte[] pendingStructs;

  Map<Long, Integer> pendingMissing;

  /** Deletions of content we do not have yet, as an update (v1) with no structs. */
  byte[] pendingDeleteSet;

  // One-entry cache: local edits look up their own client's list on every insert.
  private long cachedClient = -1;
  private ArrayList<AbstractStruct> cachedList;

  ArrayList<AbstractStruct> structs(long client) {
    if (client == cachedClient && cachedList != null) {
      return cachedList;
    }
    ArrayList<AbstractStruct> list = clients.get(client);
    if (list != null) {
      cachedClient = client;
      cachedList = list;
    }
    return list;
  }

  int getState(long client) {
    ArrayList<AbstractStruct> list = structs(client);
    if (list == null || list.isEmpty()) {
      return 0;
    }
    AbstractStruct last = list.get(list.size() - 1);
    return last.clock + last.length;
  }

  Map<Long, Integer> stateVector() {
    Map<Long, Integer> sv = new HashMap<>();
    for (Map.Entry<Long, ArrayList<AbstractStruct>> entry : clients.entrySet()) {
      List<AbstractStruct> list = entry.getValue();
      AbstractStruct last = list.get(list.size() - 1);
      sv.put(entry.getKey(), last.clock + last.length);
    }
    return sv;
  }

  void addStruct(AbstractStruct struct) {
    ArrayList<AbstractStruct> list = structs(struct.client);
    if (list == null) {
      list = new ArrayList<>(1); // many clients write a struct or two: no room for ten
      clients.put(struct.client, list);
      cachedClient = struct.client;
      cachedList = list;
    } else {
      AbstractStruct last = list.get(list.size() - 1);
      if (last.clock + last.length != struct.clock) {
        throw new IllegalStateException(
            "struct "
                + struct.id()
                + " does not follow "
                + last.id()
                + " (length "
                + last.length
                + ")");
      }
    }
    list.add(struct);
  }

  /** Index of the struct that contains {@code clock}; the caller knows it exists. */
  static int findIndex(List<AbstractStruct> structs, int clock) {
    int left = 0;
    int right = structs.size() - 1;
    AbstractStruct mid = structs.get(right);
    if (mid.clock == clock) {
      return right;
    }
    // Clocks grow with the index, so interpolating the first guess often hits at once.
    int midIndex = (int) (((long) clock * right) / Math.max(1, mid.clock + mid.length - 1));
    midIndex = Math.min(Math.max(midIndex, 0), right);
    while (left <= right) {
      mid = structs.get(midIndex);
      if (mid.clock <= clock) {
        if (clock < mid.clock + mid.length) {
          return midIndex;
        }
        left = midIndex + 1;
      } else {
        right = midIndex - 1;
      }
      midIndex = (left + right) >>> 1;
    }
    throw new IllegalStateException("no struct holds clock " + clock);
  }

  AbstractStruct find(ID id) {
    List<AbstractStruct> list = structs(id.client());
    if (list == null) {
      throw new IllegalStateException("no structs of client " + id.client());
    }
    return list.get(findIndex(list, id.clock()));
  }

  /** Index of a struct that starts exactly at {@code clock}, splitting an item when needed. */
  static int findIndexCleanStart(Transaction transaction, List<AbstractStruct> structs, int clock) {
    int index = findIndex(structs, clock);
    AbstractStruct struct = structs.get(index);
    if (struct.clock < clock && struct instanceof Item item) {
      structs.add(index + 1, item.split(transaction, clock - item.clock));
      return index + 1;
    }
    return index;
  }

  /** The struct that starts at {@code id} (splitting an item when needed). */
  AbstractStruct getItemCleanStart(Transaction transaction, ID id) {
    List<AbstractStruct> list = structs(id.client());
    return list.get(findIndexCleanStart(transaction, list, id.clock()));
  }

  /** The struct that ends at {@code id} (splitting an item when needed). */
  AbstractStruct getItemCleanEnd(Transaction transaction, ID id) {
    List<AbstractStruct> list = structs(id.client());
    int index = findIndex(list, id.clock());
    AbstractStruct struct = list.get(index);
    if (id.clock() != struct.clock + struct.length - 1 && struct instanceof Item item) {
      list.add(index + 1, item.split(transaction, id.clock() - item.clock + 1));
    }
    return struct;
  }

  void replaceStruct(AbstractStruct old, AbstractStruct replacement) {
    List<AbstractStruct> list = structs(old.client);
    list.set(findIndex(list, old.clock), replacement);
  }
}
