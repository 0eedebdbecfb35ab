package dev.symphony.cli.serve;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The settings of {@code symphony serve}, each taken from the first place that has it: the command
 * line, a {@code SYMPHONY_*} environment variable, the config file, the default. A bad value stops
 * start-up with one line that names the setting, the value and where it came from.
 */
public record ServeSettings(
    String host,
    int port,
    Path dataDir,
    Duration grace,
    Duration checkpointInterval,
    long maxMessageBytes,
    boolean updateLog,
    Duration logFlushInterval) {

  /** Setting names, as written in the config file; the option is {@code --name}. */
  static final List<String> NAMES =
      List.of(
          "host",
          "port",
          "data-dir",
          "grace",
          "checkpoint-interval",
          "max-message-size",
          "update-log",
          "log-flush-interval");

  static final Map<String, String> DEFAULTS =
      Map.of(
          "host", "127.0.0.1",
          "port", "1234",
          "data-dir", "./data",
          "grace", "30s",
          "checkpoint-interval", "30s",
          "max-message-size", "16MiB",
          "update-log", "on",
          "log-flush-interval", "10ms");

  /** The environment variable of a setting: {@code data-dir} is {@code SYMPHONY_DATA_DIR}. */
  static String environmentName(String setting) {
    return "SYMPHONY_" + setting.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** A value and where it was found, for error messages. */
  private record Found(String value, String source) {}

  /**
   * @param options the values given on the command line, by setting name (absent when not given)
   * @param configFile the config file named on the command line, or null
   * @param environment the process environment
   */
  public static ServeSettings resolve(
      Map<String, String> options, Path configFile, Map<String, String> environment) {
    Map<String, Found> fromFile = readConfig(configFile, environment);
    Map<String, Found> chosen = new LinkedHashMap<>();
    for (String name : NAMES) {
      Found found;
      if (options.get(name) != null) {
        found = new Found(options.get(name), "--" + name);
      } else if (environment.get(environmentName(name)) != null) {
        found = new Found(environment.get(environmentName(name)), environmentName(name));
      } else if (fromFile.containsKey(name)) {
        found = fromFile.get(name);
      } else {
        found = new Found(DEFAULTS.get(name), "default");
      }
      chosen.put(name, found);
    }
    String host = parse(chosen, "host", ServeSettings::host);
    int port = parse(chosen, "port", SettingValues::port);
    Path dataDir = parse(chosen, "data-dir", ServeSettings::path);
    Duration grace = parse(chosen, "grace", ServeSettings::nonNegative);
    Duration checkpoint = parse(chosen, "checkpoint-interval", ServeSettings::positive);
    long maxMessage = parse(chosen, "max-message-size", ServeSettings::messageSize);
    boolean updateLog = parse(chosen, "update-log", ServeSettings::onOff);
    Duration logFlush = parse(chosen, "log-flush-interval", ServeSettings::logFlushInterval);
    return new ServeSettings(
        host, port, dataDir, grace, checkpoint, maxMessage, updateLog, logFlush);
  }

  private static <T> T parse(Map<String, Found> chosen, String name, Function<String, T> parser) {
    Found found = chosen.get(name);
    try {
      return parser.apply(found.value());
    } catch (RuntimeException e) {
      throw new InvalidSettingException(
          "invalid "
              + name
              + " '"
              + found.value()
              + "' (from "
              + found.source()
              + "): "
              + e.getMessage());
    }
  }

  private static Map<String, Found> readConfig(Path configFile, Map<String, String> environment) {
    Path file = configFile;
    String source = "--config";
    if (file == null && environment.get("SYMPHONY_CONFIG") != null) {
      file = Path.of(environment.get("SYMPHONY_CONFIG"));
      source = "SYMPHONY_CONFIG";
    }
    if (file == null) {
      return Map.of();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new InvalidSettingException(
          "cannot read config file " + file + " (from " + source + "): " + e.getMessage());
    }
    Map<String, Found> values = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (!NAMES.contains(key)) {
        throw new InvalidSettingException(
            "unknown setting '"
                + key
                + "' in "
                + file
                + " (known: "
                + String.join(", ", NAMES)
                + ")");
      }
      values.put(key, new Found(properties.getProperty(key), file.toString()));
    }
    return values;
  }

  private static String host(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    try {
      java.net.InetAddress.getByName(value.strip());
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("not an address or a known host name");
    }
    return value.strip();
  }

  private static Path path(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return Path.of(value.strip());
  }

  private static Duration nonNegative(String value) {
    Duration duration = SettingValues.duration(value);
    if (duration.isNegative()) {
      throw new IllegalArgumentException("must not be negative");
    }
    return duration;
  }

  private static Duration positive(String value) {
    Duration duration = SettingValues.duration(value);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("must be more than zero");
    }
    return duration;
  }

  private static boolean onOff(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default -> throw new IllegalArgumentException("must be on or off");
    };
  }

  /** Up to 1 s: longer would widen what a crash loses beyond what anyone would choose. */
  private static Duration logFlushInterval(String value) {
    Duration duration = nonNegative(value);
    if (duration.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("must be between 0ms and 1s");
    }
    return duration;
  }

  private static long messageSize(String value) {
    long bytes = SettingValues.bytes(value);
    if (bytes < 1024 || bytes > 1L << 30) {
      throw new IllegalArgumentException("must be between 1KiB and 1GiB");
    }
    return bytes;
  }

  /** A setting that stops start-up; its message is the one line the user sees. */
  public static final class InvalidSettingException extends RuntimeException {
    public InvalidSettingException(String message) {
      super(message);
    }
  }
}
