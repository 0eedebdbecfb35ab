package dev.symphony.crdtbench.engine.automerge;

import dev.symphony.crdtbench.engine.CrdtDoc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.automerge.AmValue;
import org.automerge.ChangeHash;
import org.automerge.Document;
import org.automerge.MapEntry;
import org.automerge.NewValue;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.Transaction;

/**
 * One Automerge replica. Local changes run in an Automerge transaction; after each commit the
 * changes since the previous heads are the update (as {@code saveIncremental} in JavaScript).
 */
final class AutomergeDoc implements CrdtDoc {

  static final String TEXT = "text";
  static final String ARRAY = "array";
  static final String MAP = "map";

  private final Document doc;
  private final Consumer<byte[]> updateListener;
  private final ObjectId text;
  private final ObjectId array;
  private final ObjectId map;
  private ChangeHash[] heads;
  private Transaction open;

  AutomergeDoc(Document doc, Consumer<byte[]> updateListener) {
    this.doc = doc;
    this.updateListener = updateListener;
    this.text = rootObject(TEXT);
    this.array = rootObject(ARRAY);
    this.map = rootObject(MAP);
    this.heads = updateListener == null ? null : doc.getHeads();
  }

  private ObjectId rootObject(String key) {
    AmValue value =
        doc.get(ObjectId.ROOT, key)
            .orElseThrow(() -> new IllegalStateException("document has no root object " + key));
    return switch (value) {
      case AmValue.Text t -> t.getId();
      case AmValue.List l -> l.getId();
      case AmValue.Map m -> m.getId();
      default -> throw new IllegalStateException(key + " is not an object: " + value);
    };
  }

  @Override
  public void insertText(int index, String content) {
    change(tx -> tx.spliceText(text, index, 0, content));
  }

  @Override
  public void deleteText(int index, int length) {
    change(tx -> tx.spliceText(text, index, length, ""));
  }

  @Override
  public String getText() {
    return doc.text(text).orElseThrow();
  }

  @Override
  public void insertArray(int index, List<?> values) {
    change(
        tx -> {
          long at = index;
          for (Object value : values) {
            insertScalar(tx, array, at++, value);
          }
        });
  }

  @Override
  public List<Object> getArray() {
    AmValue[] items = doc.listItems(array).orElseThrow();
    List<Object> out = new ArrayList<>(items.length);
    for (AmValue item : items) {
      out.add(toJava(item));
    }
    return out;
  }

  @Override
  public void setMap(String key, Object value) {
    change(tx -> setValue(tx, map, key, value));
  }

  @Override
  public Map<String, Object> getMap() {
    return readMap(map);
  }

  @Override
  public void transact(Runnable changes) {
    if (open != null) {
      changes.run();
      return;
    }
    open = doc.startTransaction();
    try {
      changes.run();
      open.commit();
    } finally {
      open.close();
      open = null;
    }
    emitUpdate();
  }

  @Override
  public void applyUpdate(byte[] update) {
    doc.applyEncodedChanges(update);
  }

  /** Automerge cannot apply remote changes inside a local transaction: apply them one by one. */
  @Override
  public void applyUpdates(List<byte[]> updates) {
    for (byte[] update : updates) {
      doc.applyEncodedChanges(update);
    }
  }

  @Override
  public byte[] encodeState() {
    return doc.save();
  }

  @Override
  public void close() {
    doc.free();
  }

  private interface Change {
    void apply(Transaction tx);
  }

  private void change(Change change) {
    if (open != null) {
      change.apply(open);
    } else {
      transact(() -> change.apply(open));
    }
  }

  /** Only replicas with a listener pay for encoding updates (Yjs does the same). */
  private void emitUpdate() {
    if (updateListener == null) {
      return;
    }
    byte[] update = doc.encodeChangesSince(heads);
    heads = doc.getHeads();
    updateListener.accept(update);
  }

  private static void insertScalar(Transaction tx, ObjectId list, long index, Object value) {
    switch (value) {
      case String s -> tx.insert(list, index, s);
      case Integer i -> tx.insert(list, index, i.intValue());
      case Long l -> tx.insert(list, index, NewValue.integer(l));
      case Double d -> tx.insert(list, index, d.doubleValue());
      case Boolean b -> tx.insert(list, index, b.booleanValue());
      default -> throw new IllegalArgumentException("unsupported array value " + value);
    }
  }

  private void setValue(Transaction tx, ObjectId object, String key, Object value) {
    switch (value) {
      case String s -> tx.set(object, key, s);
      case Integer i -> tx.set(object, key, i.intValue());
      case Long l -> tx.set(object, key, NewValue.integer(l));
      case Double d -> tx.set(object, key, d.doubleValue());
      case Boolean b -> tx.set(object, key, b.booleanValue());
      case Map<?, ?> nested -> {
        ObjectId child = tx.set(object, key, ObjectType.MAP);
        nested.forEach((k, v) -> setValue(tx, child, String.valueOf(k), v));
      }
      default -> throw new IllegalArgumentException("unsupported map value " + value);
    }
  }

  private Map<String, Object> readMap(ObjectId object) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (MapEntry entry : doc.mapEntries(object).orElseThrow()) {
      out.put(entry.getKey(), toJava(entry.getValue()));
    }
    return out;
  }

  private Object toJava(AmValue value) {
    return switch (value) {
      case AmValue.Str s -> s.getValue();
      case AmValue.Int i -> i.getValue();
      case AmValue.UInt u -> u.getValue();
      case AmValue.F64 f -> f.getValue();
      case AmValue.Bool b -> b.getValue();
      case AmValue.Null n -> null;
      case AmValue.Map m -> readMap(m.getId());
      case AmValue.Text t -> doc.text(t.getId()).orElseThrow();
      default -> throw new IllegalStateException("unsupported Automerge value " + value);
    };
  }
}
