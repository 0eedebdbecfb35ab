package dev.symphony.yjs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks, before anything is applied, that each item's left and right neighbours (its origins) lie
 * in the same type and map key. A peer can send items whose origins point into two different types;
 * integrating one would link it into one list while counting it in another. Such updates are
 * refused whole, so applying stays atomic.
 *
 * <p>An item's place (parent type and map key) is its origin's place, else its right origin's, else
 * its explicit parent. Places of the update's own items are resolved with an explicit stack and
 * remembered per struct, so a long chain of references costs linear time and no recursion.
 */
final class UpdateValidator {
  /** Where a struct lives. */
  private record Place(Object parent, String parentSub) {}

  /**
   * Not received yet, or part of a reference cycle: it will wait as pending and be checked then.
   */
  private static final Place UNKNOWN = new Place("?unknown", null);

  /** Garbage-collected: whatever refers to it is collected too. */
  private static final Place GONE = new Place("?gone", null);

  private final StructStore store;
  private final YDoc doc;
  private final Map<Long, Integer> clientIndex = new HashMap<>();
  private final List<List<AbstractStruct>> lists = new ArrayList<>();
  private final List<Place[]> places = new ArrayList<>();

  private UpdateValidator(DecodedUpdate update, YDoc doc) {
    this.store = doc.store;
    this.doc = doc;
    update
        .structs()
        .forEach(
            (client, structs) -> {
              clientIndex.put(client, lists.size());
              lists.add(structs);
              places.add(new Place[structs.size()]);
            });
  }

  static void validate(DecodedUpdate update, YDoc doc) throws YjsDecodingException {
    if (update.structs().isEmpty()) {
      return;
    }
    new UpdateValidator(update, doc).run();
  }

  private void run() throws YjsDecodingException {
    for (int c = 0; c < lists.size(); c++) {
      List<AbstractStruct> structs = lists.get(c);
      for (int i = 0; i < structs.size(); i++) {
        if (structs.get(i) instanceof Item item
            && item.origin != null
            && item.rightOrigin != null) {
          Place left = placeOfReference(c, i, item.origin);
          Place right = placeOfReference(c, i, item.rightOrigin);
          if (left != UNKNOWN
              && right != UNKNOWN
              && left != GONE
              && right != GONE
              && !left.equals(right)) {
            throw new YjsDecodingException(
                "item "
                    + item.client
                    + ":"
                    + item.clock
                    + " has neighbours in different types or map keys (origin "
                    + item.origin
                    + ", right origin "
                    + item.rightOrigin
                    + ")");
          }
        }
      }
    }
  }

  /**
   * The place of the struct that {@code ref} (held by struct {@code i} of client {@code c}) names.
   */
  private Place placeOfReference(int c, int i, ID ref) {
    if (ref.clock() < store.getState(ref.client())) {
      AbstractStruct struct = store.find(ref);
      return struct instanceof Item item && item.parent instanceof AbstractType type
          ? new Place(type, item.parentSub)
          : GONE;
    }
    long target = locate(c, i, ref);
    return target < 0 ? UNKNOWN : resolve((int) (target >>> 32), (int) target);
  }

  /**
   * Finds the update struct holding {@code ref}: (client list index << 32 | struct index), or -1.
   * The common case, a reference to the previous struct of the same client, needs no search.
   */
  private long locate(int c, int i, ID ref) {
    List<AbstractStruct> own = lists.get(c);
    if (i > 0) {
      AbstractStruct previous = own.get(i - 1);
      if (previous.client == ref.client()
          && previous.clock <= ref.clock()
          && ref.clock() < previous.clock + previous.length) {
        return ((long) c << 32) | (i - 1);
      }
    }
    Integer list = clientIndex.get(ref.client());
    if (list == null) {
      return -1;
    }
    List<AbstractStruct> structs = lists.get(list);
    AbstractStruct first = structs.get(0);
    AbstractStruct last = structs.get(structs.size() - 1);
    if (ref.clock() < first.clock || ref.clock() >= last.clock + last.length) {
      return -1;
    }
    return ((long) list << 32) | StructStore.findIndex(structs, ref.clock());
  }

  /** Marks a struct whose dependency is being resolved (to notice reference cycles). */
  private static final Place ON_STACK = new Place("?resolving", null);

  /** Resolves the place of update struct (c, i), following references with an explicit stack. */
  private Place resolve(int c, int i) {
    Place known = places.get(c)[i];
    if (known != null && known != ON_STACK) {
      return known;
    }
    List<long[]> stack = new ArrayList<>();
    stack.add(new long[] {c, i});
    while (!stack.isEmpty()) {
      long[] top = stack.get(stack.size() - 1);
      int tc = (int) top[0];
      int ti = (int) top[1];
      Place[] own = places.get(tc);
      if (own[ti] != null && own[ti] != ON_STACK) {
        stack.remove(stack.size() - 1);
        continue;
      }
      Place resolved = null;
      AbstractStruct struct = lists.get(tc).get(ti);
      if (!(struct instanceof Item item)) {
        resolved = struct instanceof GC ? GONE : UNKNOWN;
      } else {
        ID ref = item.origin != null ? item.origin : item.rightOrigin;
        if (ref == null) {
          resolved = new Place(parentKey(item.parent), item.parentSub);
        } else if (ref.clock() < store.getState(ref.client())) {
          resolved = placeOfReference(tc, ti, ref);
        } else {
          long target = locate(tc, ti, ref);
          if (target < 0) {
            resolved = UNKNOWN;
          } else {
            Place dependency = places.get((int) (target >>> 32))[(int) target];
            if (dependency == ON_STACK) {
              resolved = UNKNOWN; // a reference cycle: these can never integrate
            } else if (dependency != null) {
              resolved = dependency;
            } else {
              own[ti] = ON_STACK; // resolve the dependency first, then come back
              stack.add(new long[] {target >>> 32, target & 0xFFFFFFFFL});
              continue;
            }
          }
        }
      }
      own[ti] = resolved;
      stack.remove(stack.size() - 1);
    }
    return places.get(c)[i];
  }

  /** Identifies the parent type: a live type, or the update struct that will hold the new type. */
  private Object parentKey(Object parent) {
    if (parent instanceof String name) {
      AbstractType existing = doc.existingRoot(name);
      return existing != null ? existing : "root:" + name;
    }
    if (parent instanceof ID id) {
      if (id.clock() < store.getState(id.client())) {
        AbstractStruct holder = store.find(id);
        return holder instanceof Item item && item.content instanceof ContentType ct
            ? ct.type()
            : GONE;
      }
      Integer list = clientIndex.get(id.client());
      if (list != null) {
        List<AbstractStruct> structs = lists.get(list);
        AbstractStruct first = structs.get(0);
        AbstractStruct last = structs.get(structs.size() - 1);
        if (id.clock() >= first.clock && id.clock() < last.clock + last.length) {
          return structs.get(StructStore.findIndex(structs, id.clock()));
        }
      }
      return Objects.toString(id);
    }
    return UNKNOWN;
  }
}
