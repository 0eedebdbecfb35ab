package dev.symphony.crdtbench.suite;

import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.CrdtEngine;
import java.util.function.Consumer;

/**
 * The B2 template: two replicas, each update delivered to the other at once; both start from a
 * shared 100-character text, then each user makes its changes in one transaction. updateSize = all
 * update bytes / 2 (the initial text's update included, as in crdt-benchmarks).
 */
record TwoUsersScenario(
    String id,
    String title,
    String initialText,
    Consumer<CrdtDoc> changeDoc1,
    Consumer<CrdtDoc> changeDoc2,
    ReplicaCheck check)
    implements Scenario {

  @Override
  public String updateSizeMetric() {
    return "updateSize";
  }

  @Override
  public ScenarioRun prepare(CrdtEngine engine) {
    return new Run(engine);
  }

  private final class Run implements ScenarioRun {
    private final CrdtEngine engine;
    private final CrdtDoc doc1;
    private final CrdtDoc doc2;
    private long updateBytes;
    // crdt-benchmarks' mutex: an update applied to the peer must not bounce back.
    private boolean delivering;

    Run(CrdtEngine engine) {
      this.engine = engine;
      CrdtDoc[] peer = new CrdtDoc[2];
      this.doc1 = engine.create(update -> deliver(update, peer[1]));
      this.doc2 = engine.create(update -> deliver(update, peer[0]));
      peer[0] = doc1;
      peer[1] = doc2;
      doc1.insertText(0, initialText);
    }

    private void deliver(byte[] update, CrdtDoc receiver) {
      if (delivering) {
        return;
      }
      delivering = true;
      try {
        updateBytes += update.length;
        receiver.applyUpdate(update);
      } finally {
        delivering = false;
      }
    }

    @Override
    public void update() {
      doc1.transact(() -> changeDoc1.accept(doc1));
      doc2.transact(() -> changeDoc2.accept(doc2));
      check.verify(doc1, doc2);
    }

    @Override
    public long updateSize() {
      return Math.round(updateBytes / 2.0);
    }

    @Override
    public byte[] encode() {
      return doc1.encodeState();
    }

    @Override
    public CrdtDoc parse(byte[] encodedState) {
      CrdtDoc doc = engine.load(encodedState);
      check.verify(doc, doc2);
      return doc;
    }

    @Override
    public void close() {
      doc1.close();
      doc2.close();
    }
  }
}
