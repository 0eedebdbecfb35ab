package dev.symphony.crdtbench.engine.ywasm;

import dev.symphony.crdtbench.engine.ClientIds;
import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.CrdtEngine;
import dev.symphony.crdtbench.engine.EngineUnavailableException;
import dev.symphony.crdtbench.engine.HeapGauge;
import dev.symphony.crdtbench.engine.MemoryGauge;
import dev.symphony.crdtbench.trace.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * y-crdt (yrs, Rust) as the ywasm npm package's WebAssembly build, run by Chicory. No JNI binding
 * of yrs is published and Rust cannot be built here, so the same .wasm that browsers run is used,
 * with wasm-bindgen's JavaScript glue rewritten in Java ({@link WasmBindgenImports}).
 *
 * <p>All documents of an engine share one WebAssembly instance, as all ywasm documents of a
 * JavaScript realm do. Its linear memory lives on the JVM heap (Chicory's byte-array memory), so
 * the heap gauge counts the memory Rust's allocator took, which only grows.
 */
public final class YwasmEngine implements CrdtEngine {

  public static final String ID = "ywasm";

  /** Where the build puts ywasm's .wasm (see crdt-bench/pom.xml). */
  public static final String WASM_PROPERTY = "symphony.ywasm.wasm";

  private static YwasmModule.Compiled compiled;

  private final YwasmModule wasm;
  private final ClientIds clientIds = new ClientIds();

  public YwasmEngine() {
    this.wasm = YwasmModule.instantiate(compiledModule());
  }

  private static synchronized YwasmModule.Compiled compiledModule() {
    if (compiled == null) {
      compiled = YwasmModule.Compiled.load(wasmFile());
    }
    return compiled;
  }

  /** The fetched .wasm: the system property, else the build's or the Node runner's copy. */
  static Path wasmFile() {
    List<Path> candidates = new ArrayList<>();
    String property = System.getProperty(WASM_PROPERTY);
    if (property != null && !property.isBlank()) {
      candidates.add(Path.of(property));
    }
    Path repo = RepositoryRoot.find();
    candidates.add(repo.resolve("crdt-bench/target/ywasm/package/ywasm_bg.wasm"));
    candidates.add(repo.resolve("crdt-bench/node/node_modules/ywasm/ywasm_bg.wasm"));
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(
            () ->
                new EngineUnavailableException(
                    "ywasm's .wasm not found (looked at "
                        + candidates
                        + "); the build fetches it from the npm registry (ywasm 0.18.3)"));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "y-crdt (ywasm 0.18.3 on Chicory)";
  }

  @Override
  public CrdtDoc create(Consumer<byte[]> updateListener) {
    return new YwasmDoc(wasm.api(), clientIds.next(), updateListener);
  }

  @Override
  public CrdtDoc load(byte[] encodedState) {
    YwasmDoc doc = new YwasmDoc(wasm.api(), clientIds.next(), null);
    doc.applyUpdate(encodedState);
    return doc;
  }

  @Override
  public MemoryGauge memoryGauge() {
    return new MemoryGauge() {
      @Override
      public long sample() {
        return HeapGauge.usedHeapAfterGc();
      }

      @Override
      public String describe() {
        return "JVM heap retained after GC; includes the growth of WebAssembly linear memory"
            + " (a heap byte array that never shrinks)";
      }

      @Override
      public boolean allowsWarmUpLoad() {
        return false;
      }
    };
  }

  /** For tests: JS values still referenced by Rust (should not grow without bound). */
  int liveJsValues() {
    return wasm.liveJsValues();
  }
}
