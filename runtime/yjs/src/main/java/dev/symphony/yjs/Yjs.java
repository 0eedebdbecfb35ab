package dev.symphony.yjs;

import java.util.List;

/** Functions on encoded updates (format v1) that need no document, as in the yjs package. */
public final class Yjs {
  private Yjs() {}

  /** One update equivalent to applying all of {@code updates}, in any order. */
  public static byte[] mergeUpdates(List<byte[]> updates) throws YjsDecodingException {
    return UpdateFunctions.merge(updates);
  }

  /** The part of {@code update} that a replica with {@code stateVector} does not have yet. */
  public static byte[] diffUpdate(byte[] update, byte[] stateVector) throws YjsDecodingException {
    return UpdateFunctions.diff(update, StateVectors.read(stateVector));
  }

  /** The state vector a replica would have after applying only {@code update}. */
  public static byte[] encodeStateVectorFromUpdate(byte[] update) throws YjsDecodingException {
    return UpdateFunctions.stateVectorOf(update);
  }

  /** Decodes a state vector into client id to clock. */
  public static java.util.Map<Long, Integer> decodeStateVector(byte[] stateVector)
      throws YjsDecodingException {
    return StateVectors.read(stateVector);
  }
}
