package dev.symphony.crdtbench.engine;

/** An engine cannot run on this machine (a file the build fetches is missing, ...). */
public final class EngineUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EngineUnavailableException(String message) {
    super(message);
  }
}
