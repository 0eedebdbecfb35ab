package dev.symphony.yjs;

import dev.symphony.yjs.codec.Json;
import dev.symphony.yjs.codec.Lib0Writer;
import dev.symphony.yjs.codec.Undefined;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The base of every shared type. A type holds a list (linked items from {@code start}) and a map
 * (the current item of each key); each kind of type uses one or both.
 */
public abstract class AbstractType {
  static final int ARRAY_REF = 0;
  static final int MAP_REF = 1;
  static final int TEXT_REF = 2;
  static final int XML_ELEMENT_REF = 3;
  static final int XML_FRAGMENT_REF = 4;
  static final int XML_HOOK_REF = 5;
  static final int XML_TEXT_REF = 6;

  /** The item that holds this type, or null for a top-level type (or one not yet integrated). */
  Item item;

  Item start;
  private Map<String, Item> map;

  /** The document, once integrated. */
  YDoc doc;

  /** Count of visible, countable units in the list. */
  int length;

  /** Null for types that do not use search markers. */
  ArrayList<SearchMarker> searchMarkers;

  boolean hasFormatting;

  /** The name of a top-level type. */
  String rootName;

  private List<Consumer<YEvent>> observers;

  AbstractType() {}

  Map<String, Item> map() {
    if (map == null) {
      map = new LinkedHashMap<>(4); // insertion order, as a JS Map: toJson lists keys as Yjs does
    }
    return map;
  }

  boolean hasMapEntries() {
    return map != null && !map.isEmpty();
  }

  void clearMap() {
    map = null;
  }

  /** Takes over the content of a top-level type that was created before its kind was known. */
  void adopt(AbstractType unknown) {
    this.map = unknown.map;
    this.start = unknown.start;
    this.length = unknown.length;
    this.hasFormatting = unknown.hasFormatting;
    if (map != null) {
      for (Item value : map.values()) {
        for (Item i = value; i != null; i = i.left) {
          i.parent = this;
        }
      }
    }
    for (Item i = start; i != null; i = i.right) {
      i.parent = this;
    }
  }

  /** Called when the type becomes part of a document (at top level or inside an item). */
  void integrate(YDoc doc, Item item) {
    this.doc = doc;
    this.item = item;
  }

  boolean isIntegrated() {
    return doc != null;
  }

  abstract int typeRef();

  void writeTypeRef(Lib0Writer out) {
    out.writeVarUint(typeRef());
  }

  /** The content as plain Java values (maps, lists, strings, numbers) equal to Yjs's toJSON(). */
  abstract Object toJsonValue();

  /** The content as JSON, equal in content to {@code JSON.stringify(type.toJSON())} in Yjs. */
  public String toJson() {
    return Json.stringify(toJsonValue());
  }

  /** The document this type belongs to, or null while it is not yet inserted into one. */
  public YDoc doc() {
    return doc;
  }

  /** Calls {@code observer} after every transaction that changed this type. */
  public AutoCloseable observe(Consumer<YEvent> observer) {
    if (observers == null) {
      observers = new CopyOnWriteArrayList<>();
    }
    observers.add(observer);
    return () -> observers.remove(observer);
  }

  void callObservers(Transaction transaction, Set<String> parentSubs) {
    if (!transaction.local && searchMarkers != null) {
      // Remote changes may have moved content under the markers.
      searchMarkers.clear();
    }
    if (observers == null || observers.isEmpty()) {
      return;
    }
    Set<String> keys = new HashSet<>(parentSubs);
    boolean childList = keys.remove(null);
    YEvent event = new YEvent(this, keys, childList, transaction.local, transaction.origin);
    for (Consumer<YEvent> observer : observers) {
      observer.accept(event);
    }
  }

  // ---- transactions -------------------------------------------------------------------------

  /** Runs {@code body} in a transaction of the document; a type not yet integrated has none. */
  final void transact(Consumer<Transaction> body) {
    if (doc == null) {
      throw new IllegalStateException(
          "this type is not part of a document yet: insert it into one first");
    }
    doc.transactInternal(null, true, body);
  }

  final Item newItem(Transaction t, Item left, Item right, String parentSub, Content content) {
    long client = t.doc.clientId;
    return new Item(
        client,
        t.doc.store.getState(client),
        left,
        left == null ? null : left.lastId(),
        right,
        right == null ? null : right.id(),
        this,
        parentSub,
        content);
  }

  // ---- map operations -----------------------------------------------------------------------

  final void mapSet(Transaction t, String key, Object value) {
    Item left = map().get(key);
    Content content = ValueContent.forMapValue(value);
    newItem(t, left, null, key, content).integrate(t, 0);
  }

  final void mapDelete(Transaction t, String key) {
    Item item = map == null ? null : map.get(key);
    if (item != null) {
      item.delete(t);
    }
  }

  final Object mapGet(String key) {
    Item item = map == null ? null : map.get(key);
    if (item == null || item.isDeleted()) {
      return null;
    }
    return lastValue(item);
  }

  final boolean mapHas(String key) {
    Item item = map == null ? null : map.get(key);
    return item != null && !item.isDeleted();
  }

  /** The visible entries in key insertion order of this replica. */
  final Map<String, Object> mapEntries() {
    Map<String, Object> entries = new LinkedHashMap<>();
    if (map != null) {
      for (Map.Entry<String, Item> entry : map.entrySet()) {
        if (!entry.getValue().isDeleted()) {
          entries.put(entry.getKey(), lastValue(entry.getValue()));
        }
      }
    }
    return entries;
  }

  /**
   * The value of a map entry; content without values (a format sent by a peer) reads as undefined.
   */
  static Object lastValue(Item item) {
    List<Object> values = item.content.values();
    return values.isEmpty() ? Undefined.VALUE : values.get(values.size() - 1);
  }

  /** A value as Yjs's toJSON() presents it: nested types become their JSON. */
  static Object toJsonValueOf(Object value) {
    return value instanceof AbstractType type ? type.toJsonValue() : value;
  }

  final Map<String, Object> mapToJsonValue() {
    Map<String, Object> json = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : mapEntries().entrySet()) {
      json.put(entry.getKey(), toJsonValueOf(entry.getValue()));
    }
    return json;
  }

  // ---- list reads ---------------------------------------------------------------------------

  final List<Object> listValues() {
    List<Object> values = new ArrayList<>(length);
    for (Item n = start; n != null; n = n.right) {
      if (n.isCountable() && !n.isDeleted()) {
        values.addAll(n.content.values());
      }
    }
    return values;
  }

  final List<Object> listToJsonValue() {
    List<Object> json = new ArrayList<>(length);
    for (Object value : listValues()) {
      json.add(toJsonValueOf(value));
    }
    return json;
  }
}
