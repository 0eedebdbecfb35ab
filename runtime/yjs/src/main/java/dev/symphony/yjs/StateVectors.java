package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Reader;
import dev.symphony.yjs.codec.Lib0Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** State vectors: for each client, the next clock expected from it. */
final class StateVectors {
  private StateVectors() {}

  /** Writes the entries with clients in descending order, as Yjs does. */
  static void write(Lib0Writer out, Map<Long, Integer> sv) {
    List<Map.Entry<Long, Integer>> entries = new ArrayList<>(sv.entrySet());
    entries.sort((a, b) -> Long.compare(b.getKey(), a.getKey()));
    out.writeVarUint(entries.size());
    for (Map.Entry<Long, Integer> entry : entries) {
      out.writeVarUint(entry.getKey());
      out.writeVarUint(entry.getValue());
    }
  }

  static Map<Long, Integer> read(byte[] encoded) throws YjsDecodingException {
    Lib0Reader in = new Lib0Reader(encoded);
    int size = in.readCount("state vector size");
    Map<Long, Integer> sv = new HashMap<>(size * 2);
    for (int i = 0; i < size; i++) {
      long client = in.readVarUint();
      sv.put(client, in.readVarUintAsInt("clock"));
    }
    return sv;
  }
}
