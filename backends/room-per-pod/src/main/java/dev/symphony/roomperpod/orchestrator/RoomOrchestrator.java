package dev.symphony.roomperpod.orchestrator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one backend per room (a process, a Kubernetes Deployment + Service) and says where it is.
 * The orchestrator's own source of truth (the process table, the Kubernetes API) decides whether a
 * room's backend exists; the proxy keeps no state that matters, so several proxies can share one.
 */
public interface RoomOrchestrator extends AutoCloseable {

  /**
   * Makes sure the room's backend exists and is ready, starting it when it does not exist; many
   * concurrent calls for one room start exactly one backend. Completes with where to connect, or
   * fails with {@link OrchestratorException} (its message is fit for a WebSocket close reason) when
   * the backend cannot be started or is not ready within {@code readyTimeout}.
   */
  CompletableFuture<RoomBackend> ensure(String roomId, Duration readyTimeout);

  /** Stops and removes the room's backend if it exists (idle reaping, tests). */
  CompletableFuture<Void> stop(String roomId);

  /** The room backends that exist now. */
  List<RoomBackend> active();

  /**
   * Which orchestrator this is, for logs and metrics ({@code local-process}, {@code kubernetes}).
   */
  String kind();

  /** Releases the orchestrator's resources; the local-process one stops its processes. */
  @Override
  void close();
}
