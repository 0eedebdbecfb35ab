package dev.symphony.crdtbench.jmh;

import dev.symphony.crdtbench.engine.CrdtEngine;
import dev.symphony.crdtbench.engine.Engines;
import dev.symphony.crdtbench.suite.Scenario;
import dev.symphony.crdtbench.suite.Suite;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The engine and scenario a JMH benchmark runs, chosen with {@code -p engine=... -p scenario=...};
 * BenchMain passes the lists it wants.
 */
@State(Scope.Thread)
public class ScenarioState {

  @Param({"symphony"})
  public String engine;

  @Param({"B4"})
  public String scenario;

  CrdtEngine crdtEngine;
  Scenario selected;

  void open() {
    crdtEngine = Engines.create(engine);
    selected = Suite.byId(scenario);
  }

  void closeEngine() {
    if (crdtEngine != null) {
      crdtEngine.close();
    }
  }
}
