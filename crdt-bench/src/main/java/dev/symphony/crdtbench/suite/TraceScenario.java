package dev.symphony.crdtbench.suite;

import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.CrdtEngine;
import dev.symphony.crdtbench.trace.EditingTrace;

/**
 * The B4 template: replay a real editing trace into one text of a new document, one trace
 * transaction per document transaction ({@code delete(pos, n)} then {@code insert(pos, s)}). With
 * {@code repetitions > 1} (B4x100) the trace is replayed again into the same text; every replay
 * edits only the front, so the result is the final text repeated.
 *
 * <p>Trace positions count code points; the traces used hold only BMP characters, so they equal the
 * UTF-16 indices every engine here uses.
 */
record TraceScenario(String id, String title, String traceFile, int repetitions)
    implements Scenario {

  @Override
  public String updateSizeMetric() {
    return null;
  }

  @Override
  public ScenarioRun prepare(CrdtEngine engine) {
    return new Run(engine, EditingTrace.load(traceFile));
  }

  private final class Run implements ScenarioRun {
    private final CrdtEngine engine;
    private final EditingTrace trace;
    private final String expected;
    private final CrdtDoc doc;

    Run(CrdtEngine engine, EditingTrace trace) {
      this.engine = engine;
      this.trace = trace;
      Checks.check(trace.startContent().isEmpty(), traceFile + " does not start empty");
      this.expected = trace.endContent().repeat(repetitions);
      this.doc = engine.create(null);
    }

    @Override
    public void update() {
      for (int round = 0; round < repetitions; round++) {
        replayOnce();
      }
      Checks.equal("text after replaying " + traceFile, expected, doc.getText());
    }

    private void replayOnce() {
      int transactions = trace.transactionCount();
      for (int tx = 0; tx < transactions; tx++) {
        int first = trace.firstPatch(tx);
        int end = trace.endPatch(tx);
        if (end - first == 1) {
          applyPatch(first);
        } else {
          doc.transact(
              () -> {
                for (int patch = first; patch < end; patch++) {
                  applyPatch(patch);
                }
              });
        }
      }
    }

    /** Each call is its own transaction unless inside {@link CrdtDoc#transact}. */
    private void applyPatch(int patch) {
      int position = trace.position(patch);
      int deleted = trace.deleteCount(patch);
      if (deleted > 0) {
        doc.deleteText(position, deleted);
      }
      String inserted = trace.insert(patch);
      if (!inserted.isEmpty()) {
        doc.insertText(position, inserted);
      }
    }

    @Override
    public long updateSize() {
      return -1;
    }

    @Override
    public byte[] encode() {
      return doc.encodeState();
    }

    @Override
    public CrdtDoc parse(byte[] encodedState) {
      CrdtDoc loaded = engine.load(encodedState);
      Checks.equal("text of the loaded document", expected, loaded.getText());
      return loaded;
    }

    @Override
    public void close() {
      doc.close();
    }
  }
}
