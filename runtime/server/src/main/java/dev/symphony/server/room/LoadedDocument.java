package dev.symphony.server.room;

import dev.symphony.yjs.YDoc;

/**
 * A room's document as loaded: its snapshot plus the update-log records replayed after it.
 *
 * @param replayed how many logged updates were applied on top of the snapshot; when non-zero the
 *     room is checkpointed right away so those records can be released
 */
record LoadedDocument(YDoc doc, int replayed) {}
