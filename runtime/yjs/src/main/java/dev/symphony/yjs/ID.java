package dev.symphony.yjs;

/**
 * Identifies one unit of content: the client that created it and that client's clock at the time.
 */
record ID(long client, int clock) {

  static boolean equal(ID a, ID b) {
    return a == b || (a != null && b != null && a.client == b.client && a.clock == b.clock);
  }
}
