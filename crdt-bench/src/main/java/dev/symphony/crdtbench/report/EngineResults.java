package dev.symphony.crdtbench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** One column of the results table: an engine and its result per benchmark id. */
public record EngineResults(
    String id, String displayName, String memoryMethod, Map<String, ScenarioResult> results) {

  public EngineResults {
    results = new LinkedHashMap<>(results);
  }
}
