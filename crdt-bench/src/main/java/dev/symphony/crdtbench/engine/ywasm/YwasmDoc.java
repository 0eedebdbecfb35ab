package dev.symphony.crdtbench.engine.ywasm;

import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.Values;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One ywasm document. Every operation runs in an explicit write transaction, joining the one {@link
 * #transact} opened, as crdt-benchmarks' ywasm factory does.
 */
final class YwasmDoc implements CrdtDoc {

  private static final int NONE = 0;

  private final YwasmModule.Exports api;
  private final int doc;
  private final int text;
  private final int array;
  private final int map;
  private final int observer;
  private int openTransaction = NONE;

  YwasmDoc(YwasmModule.Exports api, long clientId, Consumer<byte[]> updateListener) {
    this.api = api;
    this.doc = api.newDoc(clientId);
    this.text = api.getText(doc, "text");
    this.array = api.getArray(doc, "array");
    this.map = api.getMap(doc, "map");
    this.observer = updateListener == null ? NONE : api.onUpdate(doc, updateListener);
  }

  private interface InTransaction<T> {
    T run(int txn);
  }

  private <T> T inTransaction(InTransaction<T> body) {
    if (openTransaction != NONE) {
      return body.run(openTransaction);
    }
    openTransaction = api.beginTransaction(doc);
    try {
      return body.run(openTransaction);
    } finally {
      int txn = openTransaction;
      openTransaction = NONE;
      api.commit(txn);
    }
  }

  @Override
  public void insertText(int index, String content) {
    inTransaction(txn -> run(() -> api.insertText(text, index, content, txn)));
  }

  @Override
  public void deleteText(int index, int length) {
    inTransaction(txn -> run(() -> api.deleteText(text, index, length, txn)));
  }

  @Override
  public String getText() {
    return inTransaction(txn -> api.textToString(text, txn));
  }

  @Override
  public void insertArray(int index, List<?> values) {
    inTransaction(txn -> run(() -> api.insertArray(array, index, values, txn)));
  }

  @Override
  public List<Object> getArray() {
    return Values.normalizeList(inTransaction(txn -> api.arrayToJson(array, txn)));
  }

  @Override
  public void setMap(String key, Object value) {
    inTransaction(txn -> run(() -> api.setMap(map, key, value, txn)));
  }

  @Override
  public Map<String, Object> getMap() {
    return Values.normalizeMap(inTransaction(txn -> api.mapToJson(map, txn)));
  }

  @Override
  public void transact(Runnable changes) {
    inTransaction(txn -> run(changes));
  }

  @Override
  public void applyUpdate(byte[] update) {
    inTransaction(txn -> run(() -> api.applyUpdate(txn, update)));
  }

  @Override
  public byte[] encodeState() {
    return api.encodeStateAsUpdate(doc);
  }

  @Override
  public void close() {
    if (observer != NONE) {
      api.freeObserver(observer);
    }
    api.freeText(text);
    api.freeArray(array);
    api.freeMap(map);
    api.freeDoc(doc);
  }

  private static Void run(Runnable action) {
    action.run();
    return null;
  }
}
