package dev.symphony.server.embed;

/**
 * Told that a room's document changed, debounced per room: called once the room has had no change
 * for the debounce time, and at the latest after the maximum wait while changes keep coming. Every
 * change of the document counts, from clients and from the server (document API, restores).
 *
 * <p><b>Thread:</b> the single hook thread ({@code symphony-hooks}), shared by {@link OnChange},
 * {@link OnConnection} calls: one call at a time, in the order the events happened. It may block;
 * that delays later hook calls (their changes keep being merged meanwhile), never a room. An
 * exception is logged and the change is not offered again. At {@link Symphony#close()} pending
 * changes are delivered before the hook thread stops.
 */
@FunctionalInterface
public interface OnChange {

  void changed(DocumentChange change) throws Exception;
}
