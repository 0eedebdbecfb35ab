package dev.symphony.yjs.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes encoded state vectors on its own (independent of the engine's decoder): {@code
 * varUint(n)} then n pairs {@code varUint(client) varUint(clock)}, lib0 var-uints (7 bits per byte,
 * least significant group first, high bit = more bytes follow).
 */
final class StateVectors {
  private StateVectors() {}

  static Map<Long, Long> decode(byte[] sv) {
    int[] pos = {0};
    long n = readVarUint(sv, pos);
    if (n > sv.length) {
      throw new IllegalArgumentException(
          "state vector claims " + n + " entries in " + sv.length + " bytes");
    }
    Map<Long, Long> out = new TreeMap<>();
    for (long i = 0; i < n; i++) {
      long client = readVarUint(sv, pos);
      long clock = readVarUint(sv, pos);
      if (out.put(client, clock) != null) {
        throw new IllegalArgumentException(
            "client " + client + " appears twice in the state vector");
      }
    }
    if (pos[0] != sv.length) {
      throw new IllegalArgumentException(
          (sv.length - pos[0]) + " bytes left after the state vector's " + n + " entries");
    }
    return out;
  }

  /** The client ids in the order they are written, to compare with Yjs's (descending) order. */
  static long[] clientOrder(byte[] sv) {
    int[] pos = {0};
    int n = (int) readVarUint(sv, pos);
    long[] clients = new long[n];
    for (int i = 0; i < n; i++) {
      clients[i] = readVarUint(sv, pos);
      readVarUint(sv, pos);
    }
    return clients;
  }

  static long readVarUint(byte[] buf, int[] pos) {
    long value = 0;
    int shift = 0;
    while (true) {
      if (pos[0] >= buf.length) {
        throw new IllegalArgumentException("var-uint runs past the end (" + buf.length + " bytes)");
      }
      int b = buf[pos[0]++] & 0xFF;
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
      shift += 7;
      if (shift > 56) {
        throw new IllegalArgumentException("var-uint longer than 9 bytes");
      }
    }
  }

  static byte[] encode(Map<Long, Long> sv) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    writeVarUint(out, sv.size());
    sv.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getKey(), a.getKey()))
        .forEach(
            e -> {
              writeVarUint(out, e.getKey());
              writeVarUint(out, e.getValue());
            });
    return out.toByteArray();
  }

  private static void writeVarUint(java.io.ByteArrayOutputStream out, long v) {
    while (v > 0x7F) {
      out.write((int) (0x80 | (v & 0x7F)));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** {"client": clock, ...} as written by the node scripts. */
  static Map<Long, Long> fromJson(JsonNode node) {
    Map<Long, Long> out = new TreeMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    for (var e : node.properties()) {
      out.put(Long.parseLong(e.getKey()), e.getValue().asLong());
    }
    return out;
  }
}
