package dev.symphony.yjs.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.Yjs;
import dev.symphony.yjs.YjsDecodingException;
import java.util.List;

/**
 * Fuzzes the update decoder and applier and the update-level functions with arbitrary bytes. The
 * contract (runtime/yjs/README.md): hostile input ends in {@link YjsDecodingException} or a result,
 * never another exception, a hang or an allocation beyond one frame. Without {@code -Pfuzz} each
 * test replays its seed corpus in {@code src/test/resources/dev/symphony/yjs/fuzz/
 * YjsUpdateFuzzTestInputs/<test>}.
 */
class YjsUpdateFuzzTest {

  @FuzzTest(maxDuration = "3m")
  void applyUpdate(byte[] update) {
    Bounded.run(
        YjsDecodingException.class,
        () -> {
          YDoc doc = new YDoc(1);
          doc.applyUpdate(update);
          // What was accepted must encode again and load into a fresh document.
          new YDoc(2).applyUpdate(doc.encodeStateAsUpdate());
        });
  }

  @FuzzTest(maxDuration = "3m")
  void updateFunctions(FuzzedDataProvider data) {
    byte[] first = data.consumeBytes(data.remainingBytes() / 2);
    byte[] stateVector = data.consumeBytes(data.remainingBytes() / 4);
    byte[] second = data.consumeRemainingAsBytes();
    Bounded.run(YjsDecodingException.class, () -> Yjs.encodeStateVectorFromUpdate(first));
    Bounded.run(YjsDecodingException.class, () -> Yjs.diffUpdate(first, stateVector));
    Bounded.run(YjsDecodingException.class, () -> Yjs.mergeUpdates(List.of(first, second)));
  }
}
