package dev.symphony.crdtbench.suite;

import dev.symphony.crdtbench.engine.CrdtEngine;

/** One benchmark of the suite, e.g. {@code [B1.1] Append N characters}. */
public interface Scenario {

  /** Short id, e.g. {@code B1.1}. */
  String id();

  /** The crdt-benchmarks title, e.g. {@code [B1.1] Append N characters}. */
  String title();

  /** Name of the update-size metric ({@code avgUpdateSize} or {@code updateSize}), or null. */
  String updateSizeMetric();

  /** Creates fresh documents for one round (not timed). */
  ScenarioRun prepare(CrdtEngine engine);
}
