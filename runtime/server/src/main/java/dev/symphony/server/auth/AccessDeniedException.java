package dev.symphony.server.auth;

/**
 * A request that may not go on. {@link #httpStatus()} is 401 when no acceptable credential came
 * (missing, malformed, badly signed or expired token) and 403 when a valid one does not cover what
 * was asked for; the message is the reason the client reads.
 */
public final class AccessDeniedException extends Exception {

  public static final int UNAUTHORIZED = 401;
  public static final int FORBIDDEN = 403;

  private final int httpStatus;

  public AccessDeniedException(int httpStatus, String reason) {
    super(reason);
    this.httpStatus = httpStatus;
  }

  public static AccessDeniedException unauthorized(String reason) {
    return new AccessDeniedException(UNAUTHORIZED, reason);
  }

  public static AccessDeniedException forbidden(String reason) {
    return new AccessDeniedException(FORBIDDEN, reason);
  }

  public int httpStatus() {
    return httpStatus;
  }
}
