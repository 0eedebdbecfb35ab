package dev.symphony.yjs;

/**
 * An update, state vector or encoded value could not be decoded: it is truncated, malformed,
 * declares absurd lengths or references content that cannot exist. The document it was applied to
 * is unchanged.
 */
public class YjsDecodingException extends Exception {
  private static final long serialVersionUID = 1L;

  public YjsDecodingException(String message) {
    super(message);
  }

  public YjsDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
