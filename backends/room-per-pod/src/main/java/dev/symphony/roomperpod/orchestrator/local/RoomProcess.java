package dev.symphony.roomperpod.orchestrator.local;

import dev.symphony.roomperpod.orchestrator.RoomBackend;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A started room process and where it answers. */
record RoomProcess(RoomBackend backend, Process process) {

  boolean alive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM (the room is stored by its shutdown hook), then SIGKILL after {@code timeout}. */
  void stop(Duration timeout) {
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
