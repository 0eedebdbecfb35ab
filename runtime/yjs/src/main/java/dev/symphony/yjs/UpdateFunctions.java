package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Operations on encoded updates that need no document: merge, diff, state vector. */
final class UpdateFunctions {
  private UpdateFunctions() {}

  private record Slice(AbstractStruct struct, int offset) {}

  static byte[] merge(List<byte[]> updates) throws YjsDecodingException {
    if (updates.isEmpty()) {
      return new byte[] {0, 0};
    }
    List<DecodedUpdate> decoded = new ArrayList<>(updates.size());
    for (byte[] update : updates) {
      decoded.add(DecodedUpdate.read(update));
    }
    return write(decoded, Map.of());
  }

  static byte[] diff(byte[] update, Map<Long, Integer> stateVector) throws YjsDecodingException {
    return write(List.of(DecodedUpdate.read(update)), stateVector);
  }

  /** Our own encodings (pending updates): a failure here is a bug, not bad input. */
  static DecodedUpdate decodeTrusted(byte[] update) {
    try {
      return DecodedUpdate.read(update);
    } catch (YjsDecodingException e) {
      throw new IllegalStateException("an update encoded by this engine does not decode", e);
    }
  }

  static byte[] mergeTrusted(List<byte[]> updates) {
    List<DecodedUpdate> decoded = new ArrayList<>();
    for (byte[] update : updates) {
      decoded.add(decodeTrusted(update));
    }
    return write(decoded, Map.of());
  }

  static byte[] diffTrusted(byte[] update, Map<Long, Integer> stateVector) {
    return write(List.of(decodeTrusted(update)), stateVector);
  }

  /**
   * Writes the union of the updates' structs from each client's clock in {@code from} on, and the
   * union of their deletions. Overlaps are written once; gaps become Skip structs.
   */
  private static byte[] write(List<DecodedUpdate> updates, Map<Long, Integer> from) {
    TreeMap<Long, List<AbstractStruct>> byClient = new TreeMap<>(Comparator.reverseOrder());
    List<DeleteSet> deleteSets = new ArrayList<>(updates.size());
    for (DecodedUpdate update : updates) {
      update
          .structs()
          .forEach(
              (client, structs) -> {
                List<AbstractStruct> all = byClient.computeIfAbsent(client, c -> new ArrayList<>());
                for (AbstractStruct struct : structs) {
                  if (!(struct instanceof Skip)) {
                    all.add(struct);
                  }
                }
              });
      deleteSets.add(update.deleteSet());
    }
    List<Long> clients = new ArrayList<>();
    List<List<Slice>> slices = new ArrayList<>();
    for (Map.Entry<Long, List<AbstractStruct>> entry : byClient.entrySet()) {
      Integer known = from.get(entry.getKey());
      List<Slice> clientSlices = slicesFrom(entry.getValue(), known == null ? 0 : known);
      if (!clientSlices.isEmpty()) {
        clients.add(entry.getKey());
        slices.add(clientSlices);
      }
    }
    Lib0Writer out = new Lib0Writer(1024);
    out.writeVarUint(clients.size());
    for (int i = 0; i < clients.size(); i++) {
      List<Slice> clientSlices = slices.get(i);
      Slice first = clientSlices.get(0);
      out.writeVarUint(clientSlices.size());
      out.writeVarUint(clients.get(i));
      out.writeVarUint(first.struct().clock + first.offset());
      for (Slice slice : clientSlices) {
        slice.struct().write(out, slice.offset());
      }
    }
    (deleteSets.size() == 1 ? deleteSets.get(0) : DeleteSet.merge(deleteSets)).write(out);
    return out.toByteArray();
  }

  private static List<Slice> slicesFrom(List<AbstractStruct> structs, int fromClock) {
    structs.sort(
        Comparator.comparingInt((AbstractStruct s) -> s.clock)
            .thenComparing(Comparator.comparingInt((AbstractStruct s) -> s.length).reversed()));
    List<Slice> slices = new ArrayList<>();
    int written = fromClock;
    boolean started = false;
    for (AbstractStruct struct : structs) {
      int end = struct.clock + struct.length;
      if (end <= written) {
        continue;
      }
      if (started && struct.clock > written) {
        slices.add(new Slice(new Skip(struct.client, written, struct.clock - written), 0));
      }
      slices.add(new Slice(struct, Math.max(0, written - struct.clock)));
      written = end;
      started = true;
    }
    return slices;
  }

  /** The state vector an update alone brings: per client, how far it is contiguous from clock 0. */
  static byte[] stateVectorOf(byte[] update) throws YjsDecodingException {
    DecodedUpdate decoded = DecodedUpdate.read(update);
    TreeMap<Long, Integer> sv = new TreeMap<>(Comparator.reverseOrder());
    decoded
        .structs()
        .forEach(
            (client, structs) -> {
              int clock = 0;
              for (AbstractStruct struct : structs) {
                if (struct instanceof Skip || struct.clock != clock) {
                  break;
                }
                clock = struct.clock + struct.length;
              }
              if (clock > 0) {
                sv.put(client, clock);
              }
            });
    Lib0Writer out = new Lib0Writer();
    StateVectors.write(out, sv);
    return out.toByteArray();
  }
}
