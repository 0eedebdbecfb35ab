package dev.symphony.roomperpod.room;

import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.singlenode.DataDirectory;
import dev.symphony.singlenode.StorageSettings;
import dev.symphony.singlenode.UpdateLogSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A room process without the {@code symphony} command line: embedded storage, update log on. The
 * module's tests and the cold-start harness start rooms with it; {@code symphony serve --topology
 * room-per-pod --role room} is the full-featured equivalent (every storage and security option).
 *
 * <p>{@code --room <id> --port <port> --data-dir <folder> [--host 127.0.0.1] [--grace 30s]
 * [--parent-pid <pid>]}; the grace is both the room's unload grace and the idle exit.
 */
public final class RoomProcessMain {

  private RoomProcessMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = parse(args);
    Duration grace = Duration.parse("PT" + options.getOrDefault("--grace", "30s").toUpperCase());
    RoomProcessSettings settings =
        new RoomProcessSettings(
            required(options, "--room"),
            grace,
            Long.parseLong(options.getOrDefault("--parent-pid", "0")));
    ServerConfig config =
        ServerConfig.defaults()
            .withHost(options.getOrDefault("--host", "127.0.0.1"))
            .withPort(Integer.parseInt(required(options, "--port")))
            .withRooms(RoomSettings.defaults().withGrace(grace));
    SingleRoomProcess process =
        SingleRoomProcess.start(
            config,
            DataDirectory.prepare(Path.of(required(options, "--data-dir"))),
            UpdateLogSettings.defaults(),
            StorageSettings.EMBEDDED,
            settings);
    Runtime.getRuntime().addShutdownHook(new Thread(process::close, "room-shutdown"));
    process.awaitStop();
    System.exit(0);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing " + name);
    }
    return value;
  }
}
