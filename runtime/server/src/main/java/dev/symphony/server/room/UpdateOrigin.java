package dev.symphony.server.room;

/**
 * Where a document or awareness change came from. The room uses it to decide what else the change
 * needs: a client's update is echoed to everyone but that client; every local change (client or
 * server) goes to the update log and the backplane; a replica's change already sits in the shared
 * log and came over the backplane, so it is only applied and forwarded to this room's connections.
 */
public sealed interface UpdateOrigin {

  /** One of this room's own connections. */
  record Client(Connection connection) implements UpdateOrigin {}

  /**
   * This process itself on behalf of {@code actor}: the document API, embedding code, a restore.
   */
  record Server(String actor) implements UpdateOrigin {}

  /** Another node of the cluster (pubsub-redis), identified by its node id. */
  record Replica(String nodeId) implements UpdateOrigin {}

  /** Whether the change was made here (and so must be logged and published), not replicated. */
  default boolean local() {
    return !(this instanceof Replica);
  }
}
