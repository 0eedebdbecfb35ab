package dev.symphony.crdtbench.suite;

import dev.symphony.crdtbench.engine.CrdtDoc;

/**
 * One round of a scenario on fresh documents. The phases run in order: {@link #update()} (the
 * "time" metric), {@link #encode()} ("encodeTime"), {@link #parse(byte[])} ("parseTime"). Each
 * phase checks its result and throws {@link ResultMismatchException} when it is wrong.
 */
public interface ScenarioRun extends AutoCloseable {

  /** Makes the scenario's changes, syncs the replicas and checks they converged as expected. */
  void update();

  /** Update bytes per the scenario's {@link Scenario#updateSizeMetric()}; -1 when it has none. */
  long updateSize();

  /** Encodes the reference document. */
  byte[] encode();

  /** Loads an encoded document and checks it holds the expected content; the caller closes it. */
  CrdtDoc parse(byte[] encodedState);

  @Override
  void close();
}
