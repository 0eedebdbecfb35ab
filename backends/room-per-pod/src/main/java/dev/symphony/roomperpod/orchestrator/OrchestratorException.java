package dev.symphony.roomperpod.orchestrator;

/** A room backend could not be made ready; the message says why, fit for a client close reason. */
public class OrchestratorException extends RuntimeException {

  public OrchestratorException(String message) {
    super(message);
  }

  public OrchestratorException(String message, Throwable cause) {
    super(message, cause);
  }
}
