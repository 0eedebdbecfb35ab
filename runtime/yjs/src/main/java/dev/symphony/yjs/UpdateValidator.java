package dev.symphony.yjs;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks, before anything is applied, that each item's left and right neighbours (its origins) lie
 * in the same type and map key. A peer can send items whose origins point into two different types;
 * integrating one would link it into one list while counting it in another. Such updates are
 * refused whole, so applying stays atomic.
 */
final class UpdateValidator {
  /** Where a referenced struct lives; UNKNOWN when it is not received yet, GONE when collected. */
  private record Place(Object parent, String parentSub) {
    static final Place UNKNOWN = new Place("?unknown", null);
    static final Place GONE = new Place("?gone", null);
  }

  private final DecodedUpdate update;
  private final StructStore store;
  private final YDoc doc;
  private final Map<Item, Place> resolved = new IdentityHashMap<>();
  private final Map<Item, Boolean> resolving = new IdentityHashMap<>();

  private UpdateValidator(DecodedUpdate update, YDoc doc) {
    this.update = update;
    this.store = doc.store;
    this.doc = doc;
  }

  static void validate(DecodedUpdate update, YDoc doc) throws YjsDecodingException {
    new UpdateValidator(update, doc).run();
  }

  private void run() throws YjsDecodingException {
    for (List<AbstractStruct> structs : update.structs().values()) {
      for (AbstractStruct struct : structs) {
        if (struct instanceof Item item && item.origin != null && item.rightOrigin != null) {
          Place left = placeOf(item.origin);
          Place right = placeOf(item.rightOrigin);
          if (left != Place.UNKNOWN
              && right != Place.UNKNOWN
              && left != Place.GONE
              && right != Place.GONE
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

  private Place placeOf(ID id) {
    if (id.clock() < store.getState(id.client())) {
      AbstractStruct struct = store.find(id);
      if (struct instanceof Item item && item.parent instanceof AbstractType type) {
        return new Place(type, item.parentSub);
      }
      return Place.GONE;
    }
    List<AbstractStruct> own = update.structs().get(id.client());
    if (own == null || own.isEmpty()) {
      return Place.UNKNOWN;
    }
    AbstractStruct first = own.get(0);
    AbstractStruct last = own.get(own.size() - 1);
    if (id.clock() < first.clock || id.clock() >= last.clock + last.length) {
      return Place.UNKNOWN;
    }
    AbstractStruct struct = own.get(StructStore.findIndex(own, id.clock()));
    return switch (struct) {
      case Item item -> placeOfUpdateItem(item);
      case GC gc -> Place.GONE;
      default -> Place.UNKNOWN;
    };
  }

  private Place placeOfUpdateItem(Item item) {
    Place known = resolved.get(item);
    if (known != null) {
      return known;
    }
    if (resolving.put(item, Boolean.TRUE) != null) {
      return Place.UNKNOWN; // a reference cycle: it can never integrate and stays pending
    }
    Place place;
    if (item.origin != null) {
      place = placeOf(item.origin);
    } else if (item.rightOrigin != null) {
      place = placeOf(item.rightOrigin);
    } else {
      place = new Place(parentKey(item.parent), item.parentSub);
    }
    resolving.remove(item);
    resolved.put(item, place);
    return place;
  }

  /** Identifies the parent type: a live type, or the update item that will hold the new type. */
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
            : Place.GONE;
      }
      List<AbstractStruct> own = update.structs().get(id.client());
      if (own != null) {
        for (AbstractStruct s : own) {
          if (s.clock <= id.clock() && id.clock() < s.clock + s.length) {
            return s;
          }
        }
      }
      return Objects.toString(id);
    }
    return Place.UNKNOWN;
  }
}
