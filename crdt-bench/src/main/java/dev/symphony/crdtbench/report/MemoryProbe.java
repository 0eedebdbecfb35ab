package dev.symphony.crdtbench.report;

import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.CrdtEngine;
import dev.symphony.crdtbench.engine.Engines;
import dev.symphony.crdtbench.engine.MemoryGauge;
import dev.symphony.crdtbench.suite.Scenario;
import dev.symphony.crdtbench.suite.ScenarioRun;
import dev.symphony.crdtbench.suite.Suite;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-process entry point for the size and memory metrics. Two steps, each in a fresh JVM so that
 * nothing an earlier step allocated (and a native allocator kept) is reused by the document being
 * measured:
 *
 * <ol>
 *   <li>{@code produce <engine> <scenario> <file>}: runs the scenario, prints the update size and
 *       writes the encoded document to {@code file};
 *   <li>{@code measure <engine> <file>}: loads the document and prints the memory it holds.
 * </ol>
 *
 * Output lines start with {@value #PREFIX} so the launcher can ignore other output.
 */
public final class MemoryProbe {

  static final String PREFIX = "PROBE ";

  private MemoryProbe() {}

  public static void main(String[] args) throws IOException {
    switch (args[0]) {
      case "produce" -> produce(args[1], Suite.byId(args[2]), Path.of(args[3]));
      case "measure" -> measure(args[1], Path.of(args[2]));
      default -> throw new IllegalArgumentException("unknown probe step " + args[0]);
    }
  }

  private static void produce(String engineId, Scenario scenario, Path file) throws IOException {
    try (CrdtEngine engine = Engines.create(engineId);
        ScenarioRun run = scenario.prepare(engine)) {
      run.update();
      byte[] encoded = run.encode();
      Files.write(file, encoded);
      System.out.println(PREFIX + "updateSize " + run.updateSize());
      System.out.println(PREFIX + "docSize " + encoded.length);
    }
  }

  private static void measure(String engineId, Path file) throws IOException {
    byte[] encoded = Files.readAllBytes(file);
    try (CrdtEngine engine = Engines.create(engineId)) {
      MemoryGauge gauge = engine.memoryGauge();
      warmUpLoading(engine, gauge.allowsWarmUpLoad() ? encoded : null);
      long before = gauge.sample();
      CrdtDoc doc = engine.load(encoded);
      long after = gauge.sample();
      System.out.println(PREFIX + "memUsed " + (after - before));
      Reference.reachabilityFence(doc);
      doc.close();
    }
  }

  /**
   * Loads a document once before measuring, so that one-time costs (code pages of a native library
   * touched for the first time, allocator arenas, lazily loaded classes) are not counted as the
   * document's: the measured document itself where the gauge allows, else an empty one.
   */
  private static void warmUpLoading(CrdtEngine engine, byte[] sameDocument) {
    try (CrdtDoc empty = engine.create(null);
        CrdtDoc loaded = engine.load(sameDocument != null ? sameDocument : empty.encodeState())) {
      Reference.reachabilityFence(loaded);
    }
  }
}
