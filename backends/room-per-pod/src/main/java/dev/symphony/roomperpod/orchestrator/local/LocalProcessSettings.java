package dev.symphony.roomperpod.orchestrator.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * @param roomsDir where each room process gets its own data directory ({@code
 *     <roomsDir>/<backend-name>}), its log file beside its data
 * @param host the loopback address room processes listen on
 * @param command how a room process is started
 * @param stopTimeout how long a stopping room process may take to store its room before it is
 *     killed
 */
public record LocalProcessSettings(
    Path roomsDir, String host, RoomCommand command, Duration stopTimeout) {

  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

  public LocalProcessSettings {
    Objects.requireNonNull(roomsDir, "roomsDir");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
  }

  public static LocalProcessSettings of(Path roomsDir, RoomCommand command) {
    return new LocalProcessSettings(roomsDir, "127.0.0.1", command, DEFAULT_STOP_TIMEOUT);
  }
}
