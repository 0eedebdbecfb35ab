package dev.symphony.server.embed;

/**
 * Told that a connection joined a room (after it was admitted and greeted with the room's state) or
 * left it.
 *
 * <p><b>Thread:</b> the single hook thread ({@code symphony-hooks}), shared with {@link OnChange}:
 * one call at a time, in the order the events happened. It may block; that delays later hook calls,
 * never a room or its connections. An exception is logged.
 */
@FunctionalInterface
public interface OnConnection {

  void handle(ConnectionEvent event) throws Exception;
}
