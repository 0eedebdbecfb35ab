package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Encodes a document's structs and deletions as updates (format v1). */
final class UpdateWriter {
  private UpdateWriter() {}

  /** Writes every struct a replica at {@code stateVector} lacks, clients in descending order. */
  static void writeStructs(Lib0Writer out, StructStore store, Map<Long, Integer> stateVector) {
    List<long[]> todo = new ArrayList<>();
    for (Map.Entry<Long, ArrayList<AbstractStruct>> entry : store.clients.entrySet()) {
      long client = entry.getKey();
      Integer known = stateVector.get(client);
      int from = known == null ? 0 : known;
      if (store.getState(client) > from) {
        todo.add(new long[] {client, from});
      }
    }
    todo.sort((a, b) -> Long.compare(b[0], a[0]));
    out.writeVarUint(todo.size());
    for (long[] entry : todo) {
      writeClientStructs(out, store.clients.get(entry[0]), entry[0], (int) entry[1]);
    }
  }

  private static void writeClientStructs(
      Lib0Writer out, List<AbstractStruct> structs, long client, int clock) {
    clock = Math.max(clock, structs.get(0).clock);
    int start = StructStore.findIndex(structs, clock);
    out.writeVarUint(structs.size() - start);
    out.writeVarUint(client);
    out.writeVarUint(clock);
    AbstractStruct first = structs.get(start);
    first.write(out, clock - first.clock);
    for (int i = start + 1; i < structs.size(); i++) {
      structs.get(i).write(out, 0);
    }
  }

  static byte[] encodeStateAsUpdate(YDoc doc, Map<Long, Integer> stateVector) {
    Lib0Writer out = new Lib0Writer(1024);
    writeStructs(out, doc.store, stateVector);
    DeleteSet.fromStore(doc.store).write(out);
    byte[] update = out.toByteArray();
    StructStore store = doc.store;
    if (store.pendingDeleteSet == null && store.pendingStructs == null) {
      return update;
    }
    // Content still waiting for dependencies is part of what this replica knows: pass it on.
    List<byte[]> parts = new ArrayList<>();
    parts.add(update);
    if (store.pendingDeleteSet != null) {
      parts.add(store.pendingDeleteSet);
    }
    if (store.pendingStructs != null) {
      parts.add(UpdateFunctions.diffTrusted(store.pendingStructs, stateVector));
    }
    return UpdateFunctions.mergeTrusted(parts);
  }

  /** The update of one transaction: structs added since it began and what it deleted. */
  static byte[] encodeTransaction(Transaction t) {
    Lib0Writer out = new Lib0Writer();
    writeStructs(out, t.doc.store, t.beforeState);
    t.deleteSet.write(out);
    return out.toByteArray();
  }
}
