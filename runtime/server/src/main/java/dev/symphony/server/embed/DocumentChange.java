package dev.symphony.server.embed;

/**
 * What changed in a room since the last {@link OnChange} call for it.
 *
 * @param roomId the room
 * @param update the changes merged into one Yjs update (v1); apply it to the previous state, or
 *     read the whole document with {@link Symphony#document}
 * @param changes how many document updates it merges (client edits, API edits)
 */
public record DocumentChange(String roomId, byte[] update, int changes) {}
