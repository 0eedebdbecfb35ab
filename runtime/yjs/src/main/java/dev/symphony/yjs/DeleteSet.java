package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Reader;
import dev.symphony.yjs.codec.Lib0Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deleted clock ranges per client. */
final class DeleteSet {
  /** One deleted range; mutable so merging needs no new objects. */
  static final class Range {
    final int clock;
    int length;

    Range(int clock, int length) {
      this.clock = clock;
      this.length = length;
    }

    int end() {
      return clock + length;
    }
  }

  final Map<Long, List<Range>> clients = new LinkedHashMap<>();

  boolean isEmpty() {
    return clients.isEmpty();
  }

  void add(long client, int clock, int length) {
    clients.computeIfAbsent(client, c -> new ArrayList<>()).add(new Range(clock, length));
  }

  /** Sorts each client's ranges and merges overlapping or touching ones. */
  void sortAndMerge() {
    for (List<Range> ranges : clients.values()) {
      ranges.sort(Comparator.comparingInt(r -> r.clock));
      int j = 1;
      for (int i = 1; i < ranges.size(); i++) {
        Range left = ranges.get(j - 1);
        Range right = ranges.get(i);
        if (left.clock + left.length >= right.clock) {
          left.length = Math.max(left.length, right.clock + right.length - left.clock);
        } else {
          ranges.set(j++, right);
        }
      }
      if (ranges.size() > j) {
        ranges.subList(j, ranges.size()).clear();
      }
    }
  }

  /** Whether a sorted and merged delete set contains the id. */
  boolean contains(long client, int clock) {
    List<Range> ranges = clients.get(client);
    if (ranges == null) {
      return false;
    }
    int low = 0;
    int high = ranges.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      Range r = ranges.get(mid);
      if (clock < r.clock) {
        high = mid - 1;
      } else if (clock >= r.end()) {
        low = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  static DeleteSet merge(List<DeleteSet> sets) {
    DeleteSet merged = new DeleteSet();
    for (DeleteSet set : sets) {
      for (Map.Entry<Long, List<Range>> entry : set.clients.entrySet()) {
        for (Range r : entry.getValue()) {
          merged.add(entry.getKey(), r.clock, r.length);
        }
      }
    }
    merged.sortAndMerge();
    return merged;
  }

  /** The deleted ranges of a document: deleted items and garbage-collected structs. */
  static DeleteSet fromStore(StructStore store) {
    DeleteSet ds = new DeleteSet();
    for (Map.Entry<Long, ArrayList<AbstractStruct>> entry : store.clients.entrySet()) {
      List<AbstractStruct> structs = entry.getValue();
      List<Range> ranges = new ArrayList<>();
      for (int i = 0; i < structs.size(); i++) {
        AbstractStruct struct = structs.get(i);
        if (struct.isDeleted()) {
          int clock = struct.clock;
          int length = struct.length;
          while (i + 1 < structs.size() && structs.get(i + 1).isDeleted()) {
            length += structs.get(++i).length;
          }
          ranges.add(new Range(clock, length));
        }
      }
      if (!ranges.isEmpty()) {
        ds.clients.put(entry.getKey(), ranges);
      }
    }
    return ds;
  }

  /** Writes the set with clients in descending order, as Yjs does, so encodings are comparable. */
  void write(Lib0Writer out) {
    List<Map.Entry<Long, List<Range>>> entries = new ArrayList<>(clients.entrySet());
    entries.sort((a, b) -> Long.compare(b.getKey(), a.getKey()));
    out.writeVarUint(entries.size());
    for (Map.Entry<Long, List<Range>> entry : entries) {
      out.writeVarUint(entry.getKey());
      out.writeVarUint(entry.getValue().size());
      for (Range r : entry.getValue()) {
        out.writeVarUint(r.clock);
        out.writeVarUint(r.length);
      }
    }
  }

  static DeleteSet read(Lib0Reader in) throws dev.symphony.yjs.YjsDecodingException {
    DeleteSet ds = new DeleteSet();
    int clientCount = in.readCount("delete set client count");
    for (int i = 0; i < clientCount; i++) {
      long client = in.readVarUint();
      int rangeCount = in.readCount("delete set range count");
      List<Range> ranges = ds.clients.computeIfAbsent(client, c -> new ArrayList<>(rangeCount));
      for (int j = 0; j < rangeCount; j++) {
        int clock = in.readVarUintAsInt("deleted clock");
        int length = in.readVarUintAsInt("deleted length");
        if ((long) clock + length > Integer.MAX_VALUE) {
          throw new YjsDecodingException("deleted range " + clock + "+" + length + " out of range");
        }
        if (length > 0) {
          ranges.add(new Range(clock, length));
        }
      }
      if (ranges.isEmpty()) {
        ds.clients.remove(client);
      }
    }
    return ds;
  }
}
