package dev.symphony.crdtbench.trace;

/** A benchmark needs an editing trace that is not on this machine. */
public final class TraceUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TraceUnavailableException(String message) {
    super(message);
  }
}
