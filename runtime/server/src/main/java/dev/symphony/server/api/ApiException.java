package dev.symphony.server.api;

/** A request the document API refuses: answered with {@code status} and the message as reason. */
final class ApiException extends RuntimeException {

  private final int status;

  ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }
}
