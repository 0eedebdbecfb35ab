package dev.symphony.crdtbench.suite;

import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.CrdtEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The B1 template: one user makes every change on doc1 (one update each), a second replica applies
 * the updates; both must hold the expected result. avgUpdateSize = update bytes / changes.
 */
record OneUserScenario(String id, String title, List<Consumer<CrdtDoc>> changes, ReplicaCheck check)
    implements Scenario {

  @Override
  public String updateSizeMetric() {
    return "avgUpdateSize";
  }

  @Override
  public ScenarioRun prepare(CrdtEngine engine) {
    return new Run(engine);
  }

  private final class Run implements ScenarioRun {
    private final CrdtEngine engine;
    private final List<byte[]> updates = new ArrayList<>();
    private final CrdtDoc doc1;
    private final CrdtDoc doc2;

    Run(CrdtEngine engine) {
      this.engine = engine;
      this.doc2 = engine.create(null);
      this.doc1 = engine.create(updates::add);
    }

    @Override
    public void update() {
      for (Consumer<CrdtDoc> change : changes) {
        change.accept(doc1);
      }
      for (byte[] update : updates) {
        doc2.applyUpdate(update);
      }
      check.verify(doc1, doc2);
    }

    @Override
    public long updateSize() {
      long total = 0;
      for (byte[] update : updates) {
        total += update.length;
      }
      return Math.round((double) total / changes.size());
    }

    @Override
    public byte[] encode() {
      return doc1.encodeState();
    }

    @Override
    public CrdtDoc parse(byte[] encodedState) {
      CrdtDoc doc = engine.load(encodedState);
      check.verify(doc2, doc);
      return doc;
    }

    @Override
    public void close() {
      doc1.close();
      doc2.close();
    }
  }
}
