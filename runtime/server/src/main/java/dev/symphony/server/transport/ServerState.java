package dev.symphony.server.transport;

/**
 * Whether the server takes new work, as {@code /readyz} reports it: ready once listening, not ready
 * from the moment shutdown begins, so a load balancer stops sending clients first.
 */
public final class ServerState {

  private volatile boolean ready;
  private final java.util.List<java.util.function.Supplier<String>> readinessChecks =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public boolean isReady() {
    return ready;
  }

  /**
   * Adds a condition for readiness: the check answers null while all is well, else the reason the
   * server should get no new clients (e.g. the update log cannot write).
   */
  public void addReadinessCheck(java.util.function.Supplier<String> problem) {
    readinessChecks.add(problem);
  }

  /** Why {@code /readyz} should say not ready although the server listens; null when none. */
  public String readinessProblem() {
    for (var check : readinessChecks) {
      String problem = check.get();
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  public void setReady(boolean ready) {
    this.ready = ready;
  }
}
