package dev.symphony.crdtbench.suite;

import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.CrdtEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * The B3 template: 20√N clients each make one change concurrently; client 0 is synced with all
 * updates beforehand, and the timed part is client 1 applying all of them in one transaction.
 * updateSize = the bytes of all updates.
 */
record ManyClientsScenario(
    String id, String title, int clients, ObjIntConsumer<CrdtDoc> change, ReplicaCheck check)
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
    private final List<CrdtDoc> docs = new ArrayList<>();
    private final List<byte[]> updates = new ArrayList<>();
    // crdt-benchmarks' mutex: updates emitted while applying are not collected again.
    private boolean applying;

    Run(CrdtEngine engine) {
      this.engine = engine;
      for (int i = 0; i < clients; i++) {
        docs.add(
            engine.create(
                update -> {
                  if (!applying) {
                    updates.add(update);
                  }
                }));
      }
      for (int i = 0; i < clients; i++) {
        change.accept(docs.get(i), i);
      }
      Checks.check(
          updates.size() >= clients, "expected one update per client, got " + updates.size());
      applyAll(docs.get(0));
    }

    private void applyAll(CrdtDoc doc) {
      applying = true;
      try {
        doc.applyUpdates(updates);
      } finally {
        applying = false;
      }
    }

    @Override
    public void update() {
      applyAll(docs.get(1));
      check.verify(docs.get(0), docs.get(1));
    }

    @Override
    public long updateSize() {
      long total = 0;
      for (byte[] update : updates) {
        total += update.length;
      }
      return total;
    }

    @Override
    public byte[] encode() {
      return docs.get(0).encodeState();
    }

    @Override
    public CrdtDoc parse(byte[] encodedState) {
      CrdtDoc doc = engine.load(encodedState);
      check.verify(doc, docs.get(0));
      return doc;
    }

    @Override
    public void close() {
      docs.forEach(CrdtDoc::close);
    }
  }
}
