package dev.symphony.crdtbench.engine.ywasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.EngineUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java wasm-bindgen glue: values cross both ways intact, and JS handles are released. */
class YwasmGlueTest {

  private static YwasmEngine engine;

  @BeforeAll
  static void loadModule() {
    try {
      engine = new YwasmEngine();
    } catch (EngineUnavailableException e) {
      abort(e.getMessage());
    }
  }

  @AfterAll
  static void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void textArrayAndMapRoundTripThroughUpdates() {
    List<byte[]> updates = new ArrayList<>();
    try (CrdtDoc source = engine.create(updates::add);
        CrdtDoc replica = engine.create(null)) {
      source.transact(
          () -> {
            source.insertText(0, "héllo wörld");
            source.deleteText(5, 6);
          });
      source.insertArray(0, List.of(1, 2.5, "three"));
      source.setMap("user", Map.of("name", "ada"));
      updates.forEach(replica::applyUpdate);

      assertThat(updates).hasSize(3);
      assertThat(replica.getText()).isEqualTo("héllo");
      assertThat(replica.getArray()).containsExactly(1L, 2.5, "three");
      assertThat(replica.getMap()).isEqualTo(Map.of("user", Map.of("name", "ada")));
      try (CrdtDoc loaded = engine.load(source.encodeState())) {
        assertThat(loaded.getText()).isEqualTo("héllo");
      }
    }
  }

  @Test
  void releasesTheJsValuesItHandsToRust() {
    // The first document makes Rust cache a few JS values for good (globalThis, crypto, a buffer).
    engine.create(update -> {}).close();
    int before = engine.liveJsValues();
    try (CrdtDoc doc = engine.create(update -> {})) {
      for (int i = 0; i < 500; i++) {
        doc.insertText(i, "x");
        doc.insertArray(0, List.of(i));
        doc.setMap("k", "v" + i);
      }
      assertThat(doc.getText()).hasSize(500);
      assertThat(doc.getArray()).hasSize(500);
    }
    assertThat(engine.liveJsValues()).isEqualTo(before);
  }
}
