package dev.symphony.client;

import dev.symphony.server.protocol.AwarenessEntry;
import dev.symphony.server.protocol.AwarenessUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client's awareness, following y-protocols: its own state with a clock that grows on every
 * change, and the latest state of every other client with the time it was last heard of. States are
 * JSON text. Confined to the client's executor.
 */
final class ClientAwareness {

  /** As y-protocols: a remote state not renewed for this long is considered gone. */
  static final Duration OUTDATED_AFTER = Duration.ofSeconds(30);

  private record Remote(long clock, String json, Instant seen) {}

  private final long clientId;
  private long clock;
  private String localJson;
  private final Map<Long, Remote> remote = new LinkedHashMap<>();

  ClientAwareness(long clientId) {
    this.clientId = clientId;
  }

  /** Sets (or with {@code null} clears) the local state; returns the update to send. */
  byte[] setLocal(String json) {
    clock++;
    localJson = json;
    return encodeLocal();
  }

  String local() {
    return localJson;
  }

  /** The local state as an update, or a removal when it is cleared. */
  byte[] encodeLocal() {
    AwarenessEntry entry =
        localJson == null
            ? AwarenessEntry.removal(clientId, clock)
            : AwarenessEntry.of(clientId, clock, localJson);
    return AwarenessUpdate.encode(List.of(entry));
  }

  /** Applies an update from the server; returns whether any remote state changed. */
  boolean apply(List<AwarenessEntry> entries, Instant now) {
    boolean changed = false;
    for (AwarenessEntry entry : entries) {
      if (entry.clientId() == clientId) {
        continue; // our own state echoed back
      }
      Remote current = remote.get(entry.clientId());
      long currentClock = current == null ? 0 : current.clock();
      if (entry.isRemoval()) {
        if (current != null && entry.clock() >= currentClock) {
          remote.remove(entry.clientId());
          changed = true;
        }
      } else if (entry.clock() > currentClock) {
        String json = entry.stateJsonText();
        changed |= current == null || !current.json().equals(json);
        remote.put(entry.clientId(), new Remote(entry.clock(), json, now));
      }
    }
    return changed;
  }

  /** Forgets remote states not renewed within {@link #OUTDATED_AFTER}; returns whether any. */
  boolean dropOutdated(Instant now) {
    return remote.values().removeIf(r -> r.seen().plus(OUTDATED_AFTER).isBefore(now));
  }

  /** Forgets every remote state (the connection is gone). */
  void clearRemote() {
    remote.clear();
  }

  /** Every known state by client id, the local one included when set. */
  Map<Long, String> all() {
    Map<Long, String> states = new HashMap<>();
    remote.forEach((id, r) -> states.put(id, r.json()));
    if (localJson != null) {
      states.put(clientId, localJson);
    }
    return states;
  }

  /** Every known state as one update, to answer an awareness query. */
  byte[] encodeAll() {
    List<AwarenessEntry> entries = new ArrayList<>();
    if (localJson != null) {
      entries.add(AwarenessEntry.of(clientId, clock, localJson));
    }
    remote.forEach((id, r) -> entries.add(AwarenessEntry.of(id, r.clock(), r.json())));
    return AwarenessUpdate.encode(entries);
  }
}
