package dev.symphony.crdtbench.report;

import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.engine.CrdtEngine;
import dev.symphony.crdtbench.report.ScenarioResult.Status;
import dev.symphony.crdtbench.suite.ResultMismatchException;
import dev.symphony.crdtbench.suite.Scenario;
import dev.symphony.crdtbench.suite.ScenarioRun;
import dev.symphony.crdtbench.trace.TraceUnavailableException;

/**
 * Runs every phase of a scenario once and checks its results. This is the CI quick mode and the
 * validation pass that gates an engine's figures in a full run; its single-shot times are cold and
 * only indicative.
 */
public final class QuickRun {

  private QuickRun() {}

  public static ScenarioResult run(CrdtEngine engine, Scenario scenario) {
    try (ScenarioRun run = scenario.prepare(engine)) {
      long start = System.nanoTime();
      run.update();
      double updateMs = millisSince(start);
      start = System.nanoTime();
      byte[] encoded = run.encode();
      double encodeMs = millisSince(start);
      start = System.nanoTime();
      CrdtDoc loaded = run.parse(encoded);
      double parseMs = millisSince(start);
      loaded.close();
      long updateSize = run.updateSize();
      return new ScenarioResult(
          Status.ok,
          null,
          Timing.single(updateMs),
          Timing.single(encodeMs),
          Timing.single(parseMs),
          updateSize < 0 ? null : updateSize,
          (long) encoded.length,
          null);
    } catch (ResultMismatchException e) {
      return ScenarioResult.failed(Status.wrong_result, e.getMessage());
    } catch (TraceUnavailableException e) {
      return ScenarioResult.failed(Status.skipped, e.getMessage());
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return ScenarioResult.failed(Status.error, describe(e));
    }
  }

  static String describe(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    String where = trace.length == 0 ? "" : " at " + trace[0];
    return e.getClass().getName() + ": " + e.getMessage() + where;
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
