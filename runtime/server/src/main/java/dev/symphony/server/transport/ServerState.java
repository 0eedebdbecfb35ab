package dev.symphony.server.transport;

/**
 * Whether the server takes new work, as {@code /readyz} reports it: ready once listening, not ready
 * from the moment shutdown begins, so a load balancer stops sending clients first.
 */
public final class ServerState {

  private volatile boolean ready;

  public boolean isReady() {
    return ready;
  }

  public void setReady(boolean ready) {
    this.ready = ready;
  }
}
