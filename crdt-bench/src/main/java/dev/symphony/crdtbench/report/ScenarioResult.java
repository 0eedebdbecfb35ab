package dev.symphony.crdtbench.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Everything measured for one engine on one benchmark. Numbers are absent (null) when the engine
 * failed the benchmark's result check: wrong results are never reported as figures.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScenarioResult(
    Status status,
    String message,
    Timing time,
    Timing encodeTime,
    Timing parseTime,
    Long updateSize,
    Long docSize,
    Long memUsed) {

  public enum Status {
    /** Result verified and measured. */
    ok,
    /** The engine ran but produced a wrong result. */
    wrong_result,
    /** The engine threw. */
    error,
    /** Not run (trace missing, engine unavailable). */
    skipped
  }

  public static ScenarioResult failed(Status status, String message) {
    return new ScenarioResult(status, message, null, null, null, null, null, null);
  }

  @JsonIgnore
  public boolean isOk() {
    return status == Status.ok;
  }

  public ScenarioResult withTimes(Timing time, Timing encodeTime, Timing parseTime) {
    return new ScenarioResult(
        status, message, time, encodeTime, parseTime, updateSize, docSize, memUsed);
  }

  public ScenarioResult withSizes(Long updateSize, Long docSize, Long memUsed) {
    return new ScenarioResult(
        status, message, time, encodeTime, parseTime, updateSize, docSize, memUsed);
  }

  public ScenarioResult withFailure(Status failure, String why) {
    return new ScenarioResult(failure, why, time, encodeTime, parseTime, null, null, null);
  }
}
