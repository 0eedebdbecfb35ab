package dev.symphony.server.room;

import dev.symphony.server.protocol.AwarenessEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The latest awareness state of every client in a room, and which connection speaks for it. Kept
 * only to greet newcomers and to announce removals when a connection closes: states are stored as
 * the raw JSON the client sent and never parsed. Confined to the room's executor.
 *
 * <p>Entries are accepted with the rules of y-protocols' {@code applyAwarenessUpdate}: a newer
 * clock wins, and a removal with the same clock removes.
 */
final class AwarenessStates {

  /** A connection tried to speak for more clients than allowed. */
  static final class TooManyClientsException extends Exception {
    TooManyClientsException(String message) {
      super(message);
    }
  }

  private final int maxClientsPerConnection;
  private final Map<Long, AwarenessEntry> states = new LinkedHashMap<>();
  private final Map<Long, Connection> owners = new HashMap<>();
  private final Map<Connection, Set<Long>> ownedBy = new HashMap<>();

  AwarenessStates(int maxClientsPerConnection) {
    this.maxClientsPerConnection = maxClientsPerConnection;
  }

  /** Applies an update received from {@code from}; entries that lose on clock are ignored. */
  void apply(Connection from, List<AwarenessEntry> entries) throws TooManyClientsException {
    for (AwarenessEntry entry : entries) {
      AwarenessEntry current = states.get(entry.clientId());
      long currentClock = current == null ? 0 : current.clock();
      if (entry.isRemoval()) {
        if (current != null && entry.clock() >= currentClock) {
          remove(entry.clientId());
        }
      } else if (entry.clock() > currentClock) {
        claim(from, entry.clientId());
        states.put(entry.clientId(), entry);
      }
    }
  }

  /**
   * Forgets every state {@code connection} speaks for and returns the removals to announce: the
   * last known clock with a {@code null} state, which the other clients accept as a removal.
   */
  List<AwarenessEntry> removeAllOf(Connection connection) {
    Set<Long> owned = ownedBy.remove(connection);
    if (owned == null) {
      return List.of();
    }
    List<AwarenessEntry> removals = new ArrayList<>(owned.size());
    for (long clientId : owned) {
      AwarenessEntry state = states.remove(clientId);
      owners.remove(clientId);
      if (state != null) {
        removals.add(AwarenessEntry.removal(clientId, state.clock()));
      }
    }
    return removals;
  }

  /** Every current state, for a newcomer or an awareness query. */
  Collection<AwarenessEntry> all() {
    return Collections.unmodifiableCollection(states.values());
  }

  boolean isEmpty() {
    return states.isEmpty();
  }

  private void claim(Connection from, long clientId) throws TooManyClientsException {
    Connection previous = owners.get(clientId);
    if (previous == from) {
      return;
    }
    Set<Long> owned = ownedBy.computeIfAbsent(from, c -> new HashSet<>());
    if (owned.size() >= maxClientsPerConnection && !(from instanceof RemotePeer)) {
      throw new TooManyClientsException(
          "one connection may speak for at most " + maxClientsPerConnection + " awareness clients");
    }
    // A client that reconnected speaks through its new connection; when the old one finally
    // closes, its removal must not erase the state the new one keeps alive.
    if (previous != null) {
      ownedBy.get(previous).remove(clientId);
    }
    owners.put(clientId, from);
    owned.add(clientId);
  }

  private void remove(long clientId) {
    states.remove(clientId);
    Connection owner = owners.remove(clientId);
    if (owner != null) {
      ownedBy.get(owner).remove(clientId);
    }
  }
}
