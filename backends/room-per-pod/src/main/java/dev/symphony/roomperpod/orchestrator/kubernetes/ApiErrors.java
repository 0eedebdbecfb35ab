package dev.symphony.roomperpod.orchestrator.kubernetes;

import dev.symphony.roomperpod.orchestrator.OrchestratorException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Turns a failed Kubernetes API call into an {@link OrchestratorException} whose message a person
 * understands from a WebSocket close reason (at most {@value #MAX_REASON_BYTES} bytes); the API's
 * own answer stays in the cause, for the log.
 */
final class ApiErrors {

  /** A WebSocket close frame carries at most 123 bytes of reason. */
  static final int MAX_REASON_BYTES = 123;

  private ApiErrors() {}

  /**
   * @param action what was attempted, e.g. "create Deployment room-a-1234"
   * @param namespace the rooms namespace
   */
  static OrchestratorException explain(String action, String namespace, Throwable failure) {
    return new OrchestratorException(fit(reason(action, namespace, failure)), failure);
  }

  private static String reason(String action, String namespace, Throwable failure) {
    KubernetesClientException api = find(failure, KubernetesClientException.class);
    int code = api == null ? 0 : api.getCode();
    String detail = api == null ? "" : statusMessage(api).toLowerCase(Locale.ROOT);
    if (code <= 0) { // no HTTP answer at all (fabric8 reports 0 or -1)
      return unreachable(action, failure);
    }
    if (code == 403 && detail.contains("exceeded quota")) {
      return "room quota of namespace " + namespace + " exceeded: cannot " + action;
    }
    return switch (code) {
      case 401 -> "Kubernetes rejected the proxy's credentials (401): cannot " + action;
      case 403 ->
          "Kubernetes forbids the proxy to "
              + action
              + " in "
              + namespace
              + " (403: check Role symphony-proxy)";
      case 404 ->
          "cannot "
              + action
              + ": not found in Kubernetes (does namespace "
              + namespace
              + " exist?)";
      case 422 -> "Kubernetes rejected the room's objects as invalid (422): cannot " + action;
      case 429 -> "Kubernetes API is throttling (429): cannot " + action;
      default ->
          code >= 500
              ? "Kubernetes API failed (" + code + "): cannot " + action
              : "Kubernetes answered " + code + ": cannot " + action;
    };
  }

  private static String unreachable(String action, Throwable failure) {
    boolean timedOut =
        find(failure, TimeoutException.class) != null
            || find(failure, InterruptedIOException.class) != null;
    if (timedOut) {
      return "Kubernetes API timed out: cannot " + action;
    }
    if (find(failure, IOException.class) != null) {
      return "Kubernetes API unreachable: cannot " + action;
    }
    return "Kubernetes API call failed: cannot " + action;
  }

  private static String statusMessage(KubernetesClientException api) {
    if (api.getStatus() != null && api.getStatus().getMessage() != null) {
      return api.getStatus().getMessage();
    }
    return api.getMessage() == null ? "" : api.getMessage();
  }

  static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** Cuts a reason to what a close frame carries, on a character boundary. */
  static String fit(String reason) {
    if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
      return reason;
    }
    StringBuilder out = new StringBuilder();
    int bytes = 0;
    int budget = MAX_REASON_BYTES - 3; // "..."
    for (int i = 0; i < reason.length(); ) {
      int cp = reason.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > budget) {
        break;
      }
      out.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    return out.append("...").toString();
  }
}
