package dev.symphony.roomperpod.orchestrator;

import java.time.Duration;

/** Told when an orchestrator started a room backend or failed to: the metrics listen here. */
public interface StartObserver {

  /** A new backend for {@code roomId} became ready {@code coldStart} after it was asked for. */
  void started(String roomId, Duration coldStart);

  /** A backend for {@code roomId} could not be started or did not get ready in time. */
  void failed(String roomId, Throwable cause);

  StartObserver NONE =
      new StartObserver() {
        @Override
        public void started(String roomId, Duration coldStart) {}

        @Override
        public void failed(String roomId, Throwable cause) {}
      };
}
