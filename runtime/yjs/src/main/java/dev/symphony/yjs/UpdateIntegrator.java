package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Integrates a decoded update into a document. Structs whose dependencies are missing are kept as a
 * pending update and retried when later updates bring what they wait for; deletions of content not
 * yet received are kept likewise.
 */
final class UpdateIntegrator {
  private UpdateIntegrator() {}

  /** A client's structs of the update and how many of them were taken so far. */
  private static final class Refs {
    List<AbstractStruct> refs;
    int next;

    Refs(List<AbstractStruct> refs) {
      this.refs = refs;
    }

    boolean exhausted() {
      return next >= refs.size();
    }
  }

  private record Rest(Map<Long, Integer> missing, byte[] update) {}

  static void apply(Transaction t, DecodedUpdate update) {
    StructStore store = t.doc.store;
    Rest rest = integrateStructs(t, store, update.structs());
    boolean retry = false;
    if (store.pendingStructs != null) {
      for (Map.Entry<Long, Integer> missing : store.pendingMissing.entrySet()) {
        if (missing.getValue() < store.getState(missing.getKey())) {
          retry = true;
          break;
        }
      }
      if (rest != null) {
        rest.missing()
            .forEach((client, clock) -> store.pendingMissing.merge(client, clock, Math::min));
        store.pendingStructs =
            UpdateFunctions.mergeTrusted(List.of(store.pendingStructs, rest.update()));
      }
    } else if (rest != null) {
      store.pendingStructs = rest.update();
      store.pendingMissing = new HashMap<>(rest.missing());
    }
    byte[] deletesRest = applyDeleteSet(t, store, update.deleteSet());
    if (store.pendingDeleteSet != null) {
      byte[] olderRest =
          applyDeleteSet(
              t, store, UpdateFunctions.decodeTrusted(store.pendingDeleteSet).deleteSet());
      store.pendingDeleteSet =
          deletesRest != null && olderRest != null
              ? UpdateFunctions.mergeTrusted(List.of(deletesRest, olderRest))
              : deletesRest != null ? deletesRest : olderRest;
    } else {
      store.pendingDeleteSet = deletesRest;
    }
    if (retry) {
      byte[] pending = store.pendingStructs;
      store.pendingStructs = null;
      store.pendingMissing = null;
      DecodedUpdate retried = UpdateFunctions.decodeTrusted(pending);
      try {
        // Its references could not all be checked when it arrived; now they can.
        UpdateValidator.validate(retried, t.doc);
      } catch (YjsDecodingException hostile) {
        return; // the waiting structs are invalid: drop them rather than corrupt the document
      }
      apply(t, retried);
    }
  }

  private static Rest integrateStructs(
      Transaction t, StructStore store, Map<Long, List<AbstractStruct>> decoded) {
    Map<Long, Refs> clientRefs = new HashMap<>();
    decoded.forEach((client, list) -> clientRefs.put(client, new Refs(list)));
    // Higher client ids first: in a conflict, the lower id then rarely has to move.
    List<Long> clients = new ArrayList<>(decoded.keySet());
    clients.sort(null);
    Refs current = nextTarget(clients, clientRefs);
    if (current == null) {
      return null;
    }
    Map<Long, List<AbstractStruct>> rest = new LinkedHashMap<>();
    Map<Long, Integer> missingState = new HashMap<>();
    List<AbstractStruct> stack = new ArrayList<>();
    Map<Long, Integer> localState = new HashMap<>();
    AbstractStruct head = current.refs.get(current.next++);
    while (true) {
      if (!(head instanceof Skip)) {
        int localClock = localState.computeIfAbsent(head.client, store::getState);
        int offset = localClock - head.clock;
        if (offset < 0) {
          // An earlier struct of the same client is missing.
          stack.add(head);
          missingState.merge(head.client, head.clock - 1, Math::min);
          moveStackToRest(stack, clientRefs, clients, rest);
        } else {
          long missing = head.missingDependency(t, store);
          if (missing != -1) {
            stack.add(head);
            // Recorded now, not only when giving up: if the dependency's own structs turn out to
            // wait for something else, this struct must still be retried once the dependency
            // arrives. (Yjs records only the last failure here and can leave both stuck.)
            missingState.merge(missing, store.getState(missing), Math::min);
            Refs source = clientRefs.get(missing);
            if (source == null || source.exhausted()) {
              // Depends on an update we have not received.
              moveStackToRest(stack, clientRefs, clients, rest);
            } else {
              head = source.refs.get(source.next++);
              continue;
            }
          } else if (offset == 0 || offset < head.length) {
            head.integrate(t, offset);
            localState.put(head.client, head.clock + head.length);
          }
        }
      }
      if (!stack.isEmpty()) {
        head = stack.remove(stack.size() - 1);
      } else if (current != null && !current.exhausted()) {
        head = current.refs.get(current.next++);
      } else {
        current = nextTarget(clients, clientRefs);
        if (current == null) {
          break;
        }
        head = current.refs.get(current.next++);
      }
    }
    if (rest.isEmpty()) {
      return null;
    }
    Lib0Writer out = new Lib0Writer();
    List<Long> restClients = new ArrayList<>(rest.keySet());
    restClients.sort((a, b) -> Long.compare(b, a));
    out.writeVarUint(restClients.size());
    for (long client : restClients) {
      List<AbstractStruct> structs = rest.get(client);
      out.writeVarUint(structs.size());
      out.writeVarUint(client);
      out.writeVarUint(structs.get(0).clock);
      for (AbstractStruct struct : structs) {
        struct.write(out, 0);
      }
    }
    out.writeVarUint(0); // no deletions
    return new Rest(missingState, out.toByteArray());
  }

  private static Refs nextTarget(List<Long> clients, Map<Long, Refs> clientRefs) {
    while (!clients.isEmpty()) {
      Refs candidate = clientRefs.get(clients.get(clients.size() - 1));
      if (candidate != null && !candidate.exhausted()) {
        return candidate;
      }
      clients.remove(clients.size() - 1);
    }
    return null;
  }

  /** The structs on the stack cannot be applied yet: they and everything after them wait. */
  private static void moveStackToRest(
      List<AbstractStruct> stack,
      Map<Long, Refs> clientRefs,
      List<Long> clients,
      Map<Long, List<AbstractStruct>> rest) {
    for (AbstractStruct struct : stack) {
      long client = struct.client;
      Refs refs = clientRefs.remove(client);
      if (refs != null) {
        refs.next--; // the struct on the stack was taken but not applied
        rest.put(client, new ArrayList<>(refs.refs.subList(refs.next, refs.refs.size())));
        refs.refs = List.of();
        refs.next = 0;
      } else {
        rest.put(client, new ArrayList<>(List.of(struct)));
      }
      clients.removeIf(c -> c == client);
    }
    stack.clear();
  }

  /** Deletes what the delete set names; returns the part naming content we lack, or null. */
  private static byte[] applyDeleteSet(Transaction t, StructStore store, DeleteSet deleteSet) {
    DeleteSet unapplied = new DeleteSet();
    for (Map.Entry<Long, List<DeleteSet.Range>> entry : deleteSet.clients.entrySet()) {
      long client = entry.getKey();
      List<AbstractStruct> structs = store.structs(client);
      int state = store.getState(client);
      for (DeleteSet.Range range : entry.getValue()) {
        int clock = range.clock;
        int clockEnd = range.end();
        if (clock >= state) {
          unapplied.add(client, clock, clockEnd - clock);
          continue;
        }
        if (state < clockEnd) {
          unapplied.add(client, state, clockEnd - state);
        }
        int index = StructStore.findIndex(structs, clock);
        AbstractStruct struct = structs.get(index);
        if (!struct.isDeleted() && struct.clock < clock) {
          structs.add(index + 1, ((Item) struct).split(t, clock - struct.clock));
          index++;
        }
        while (index < structs.size()) {
          struct = structs.get(index++);
          if (struct.clock >= clockEnd) {
            break;
          }
          if (!struct.isDeleted()) {
            Item item = (Item) struct;
            if (clockEnd < item.clock + item.length) {
              structs.add(index, item.split(t, clockEnd - item.clock));
            }
            item.delete(t);
          }
        }
      }
    }
    if (unapplied.isEmpty()) {
      return null;
    }
    Lib0Writer out = new Lib0Writer();
    out.writeVarUint(0); // no structs
    unapplied.write(out);
    return out.toByteArray();
  }
}
