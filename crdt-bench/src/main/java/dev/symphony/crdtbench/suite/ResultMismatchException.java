package dev.symphony.crdtbench.suite;

/** An engine produced the wrong result: its numbers must not be reported. */
public final class ResultMismatchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ResultMismatchException(String message) {
    super(message);
  }
}
