package dev.symphony.server.protocol;

/**
 * One y-websocket message, in either direction. The wire form is a varUint message type followed by
 * its payload; see {@link MessageDecoder} and {@link MessageEncoder}.
 */
public sealed interface YMessage {

  /** Message type 0: document synchronisation. */
  int TYPE_SYNC = 0;

  /** Message type 1: an awareness (presence) update. */
  int TYPE_AWARENESS = 1;

  /** Message type 2: authentication; the server uses it to deny access. */
  int TYPE_AUTH = 2;

  /** Message type 3: a request for every known awareness state. */
  int TYPE_QUERY_AWARENESS = 3;

  /** Sync step 1: "here is my state vector, send me what I lack". */
  record SyncStep1(byte[] stateVector) implements YMessage {}

  /** Sync step 2: the answer to step 1, an update with what the asker lacked. */
  record SyncStep2(byte[] update) implements YMessage {}

  /** An incremental document update. */
  record SyncUpdate(byte[] update) implements YMessage {}

  /** An awareness update exactly as the sender encoded it (see {@link AwarenessUpdate}). */
  record Awareness(byte[] update) implements YMessage {}

  /** Auth message; {@code kind} 0 is "permission denied" with a human-readable reason. */
  record Auth(int kind, String reason) implements YMessage {
    public static final int PERMISSION_DENIED = 0;
  }

  /** Query awareness: the receiver answers with all awareness states it knows. */
  record QueryAwareness() implements YMessage {}
}
