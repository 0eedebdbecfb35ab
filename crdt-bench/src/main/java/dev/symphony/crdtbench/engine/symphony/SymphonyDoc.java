package dev.symphony.crdtbench.engine.symphony;

import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.Values;
import dev.symphony.yjs.YArray;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YMap;
import dev.symphony.yjs.YText;
import dev.symphony.yjs.YjsDecodingException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Adapts a {@link YDoc} with the shared types named as in crdt-benchmarks' Yjs factory. */
final class SymphonyDoc implements CrdtDoc {

  private final YDoc doc;
  private final YText text;
  private final YArray array;
  private final YMap map;

  SymphonyDoc(long clientId, Consumer<byte[]> updateListener) {
    this.doc = new YDoc(clientId);
    this.text = doc.getText("text");
    this.array = doc.getArray("array");
    this.map = doc.getMap("map");
    if (updateListener != null) {
      // The subscription lives as long as the document; nothing to unsubscribe in a benchmark.
      doc.onUpdate(updateListener);
    }
  }

  @Override
  public void insertText(int index, String content) {
    text.insert(index, content);
  }

  @Override
  public void deleteText(int index, int length) {
    text.delete(index, length);
  }

  @Override
  public String getText() {
    return text.toString();
  }

  @Override
  public void insertArray(int index, List<?> values) {
    array.insert(index, values);
  }

  @Override
  public List<Object> getArray() {
    return Values.normalizeList(array.toList());
  }

  @Override
  public void setMap(String key, Object value) {
    map.set(key, value);
  }

  @Override
  public Map<String, Object> getMap() {
    return Values.normalizeMap(map.toMap());
  }

  @Override
  public void transact(Runnable changes) {
    doc.transact(changes);
  }

  @Override
  public void applyUpdate(byte[] update) {
    try {
      doc.applyUpdate(update);
    } catch (YjsDecodingException e) {
      throw new IllegalStateException("Symphony could not decode an update", e);
    }
  }

  @Override
  public byte[] encodeState() {
    return doc.encodeStateAsUpdate();
  }
}
