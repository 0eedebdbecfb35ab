package dev.symphony.crdtbench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.CrdtEngine;
import dev.symphony.crdtbench.engine.MemoryGauge;
import dev.symphony.crdtbench.engine.automerge.AutomergeEngine;
import dev.symphony.crdtbench.report.QuickRun;
import dev.symphony.crdtbench.report.ScenarioResult;
import dev.symphony.crdtbench.report.ScenarioResult.Status;
import dev.symphony.crdtbench.suite.Suite;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The quick mode only means something if a wrong engine fails it. */
class ResultChecksTest {

  private static AutomergeEngine automerge;

  @BeforeAll
  static void openEngine() {
    automerge = new AutomergeEngine();
  }

  @AfterAll
  static void closeEngine() {
    automerge.close();
  }

  @Test
  void anEngineThatLosesTextFailsTheTextBenchmarks() {
    CrdtEngine lossy = new Distorting(automerge, Distortion.DROP_INSERTS_AT_ZERO);

    assertThat(QuickRun.run(lossy, Suite.byId("B1.3")).status()).isEqualTo(Status.wrong_result);
    assertThat(QuickRun.run(lossy, Suite.byId("B2.1")).status()).isEqualTo(Status.wrong_result);
  }

  @Test
  void anEngineThatReordersArraysFailsTheArrayBenchmarks() {
    CrdtEngine reordering = new Distorting(automerge, Distortion.APPEND_INSTEAD_OF_INSERT);

    ScenarioResult result = QuickRun.run(reordering, Suite.byId("B1.10"));

    assertThat(result.status()).isEqualTo(Status.wrong_result);
    assertThat(result.message()).contains("array");
    assertThat(result.time()).isNull();
  }

  @Test
  void aCorrectEnginePasses() {
    assertThat(QuickRun.run(automerge, Suite.byId("B1.10")).status()).isEqualTo(Status.ok);
  }

  private enum Distortion {
    DROP_INSERTS_AT_ZERO,
    APPEND_INSTEAD_OF_INSERT
  }

  /** Wraps a correct engine and breaks one operation on every document it creates. */
  private record Distorting(CrdtEngine engine, Distortion distortion) implements CrdtEngine {

    @Override
    public String id() {
      return "distorted";
    }

    @Override
    public String displayName() {
      return "distorted";
    }

    @Override
    public CrdtDoc create(Consumer<byte[]> updateListener) {
      return new DistortedDoc(engine.create(updateListener), distortion);
    }

    @Override
    public CrdtDoc load(byte[] encodedState) {
      return engine.load(encodedState);
    }

    @Override
    public MemoryGauge memoryGauge() {
      return engine.memoryGauge();
    }
  }

  private static final class DistortedDoc implements CrdtDoc {
    private final CrdtDoc doc;
    private final Distortion distortion;
    private int arrayLength;

    DistortedDoc(CrdtDoc doc, Distortion distortion) {
      this.doc = doc;
      this.distortion = distortion;
    }

    @Override
    public void insertText(int index, String text) {
      if (distortion != Distortion.DROP_INSERTS_AT_ZERO || index != 0 || doc.getText().isEmpty()) {
        doc.insertText(index, text);
      }
    }

    @Override
    public void deleteText(int index, int length) {
      doc.deleteText(index, length);
    }

    @Override
    public String getText() {
      return doc.getText();
    }

    @Override
    public void insertArray(int index, List<?> values) {
      int at = distortion == Distortion.APPEND_INSTEAD_OF_INSERT ? arrayLength : index;
      doc.insertArray(at, values);
      arrayLength += values.size();
    }

    @Override
    public List<Object> getArray() {
      return doc.getArray();
    }

    @Override
    public void setMap(String key, Object value) {
      doc.setMap(key, value);
    }

    @Override
    public Map<String, Object> getMap() {
      return doc.getMap();
    }

    @Override
    public void transact(Runnable changes) {
      doc.transact(changes);
    }

    @Override
    public void applyUpdate(byte[] update) {
      doc.applyUpdate(update);
    }

    @Override
    public void applyUpdates(List<byte[]> updates) {
      doc.applyUpdates(updates);
    }

    @Override
    public byte[] encodeState() {
      return doc.encodeState();
    }

    @Override
    public void close() {
      doc.close();
    }
  }
}
