package dev.symphony.load.measure;

/** The counts one load-generator JVM keeps; their sums across JVMs make the run's totals. */
public enum Counter {
  /** Virtual users that started (opened, or tried to open, their socket). */
  USERS_STARTED,
  /** Users whose initial sync completed (sync step 2 received). */
  USERS_SYNCED,
  /** Users that never completed connect + initial sync. */
  USERS_FAILED,
  /** Users whose connection broke after the initial sync (a send failed on a closed socket). */
  USERS_DROPPED,
  /** Users the server refused (auth message with permission denied). */
  AUTH_DENIED,
  UPDATES_SENT,
  PRESENCE_SENT,
  /** Updates room-mates sent while the receiver listened, summed over receivers. */
  UPDATES_EXPECTED,
  UPDATES_RECEIVED,
  UPDATES_LOST,
  UPDATE_DUPLICATES,
  PRESENCE_EXPECTED,
  /** Presence states that arrived one by one. */
  PRESENCE_RECEIVED,
  /** Presence states never delivered and never superseded by a newer delivered state. */
  PRESENCE_LOST,
  FRAMES_RECEIVED,
  BYTES_RECEIVED,
  BYTES_SENT,
  /** Frames a virtual user could not decode, or updates its Yjs engine refused. */
  DECODE_ERRORS,
  /** Our own stamps coming back (y-websocket servers broadcast to the sender too). */
  ECHOES,
  /** Sync step 2 answers to a server's sync step 1. */
  REPLIES_SENT
}
