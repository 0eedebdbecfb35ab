package dev.symphony.load.protocol;

import java.util.List;

/**
 * One y-websocket message as a virtual user sees it, after any framing of the server (Hocuspocus's
 * document-name prefix) has been removed.
 */
public sealed interface YMessage {

  /** Sync step 1: the sender's state vector; the receiver answers with step 2. */
  record SyncStep1(byte[] stateVector) implements YMessage {}

  /** Sync step 2: the update the receiver lacked, in answer to its step 1. */
  record SyncStep2(byte[] update) implements YMessage {}

  /** A live document update (Yjs update format v1). */
  record SyncUpdate(byte[] update) implements YMessage {}

  /** Presence: the latest state of one or more clients. */
  record Awareness(List<AwarenessEntry> entries) implements YMessage {}

  /** The server asks for our awareness state. */
  record QueryAwareness() implements YMessage {}

  /**
   * An authentication outcome ({@code y-websocket}: permission denied; Hocuspocus: authenticated or
   * denied).
   */
  record Auth(boolean granted, String detail) implements YMessage {}

  /**
   * Anything a virtual user has no use for (Hocuspocus's sync-status acknowledgements, stateless
   * messages, its own ping): counted, otherwise ignored.
   */
  record Ignored(int type) implements YMessage {}

  /**
   * One client's entry in an awareness update: its Yjs client id, a clock that grows with every
   * change, and the state as JSON text ({@code "null"} when the client left).
   */
  record AwarenessEntry(long clientId, long clock, String json) {}
}
