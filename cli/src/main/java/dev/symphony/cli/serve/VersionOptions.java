package dev.symphony.cli.serve;

import dev.symphony.server.version.VersionPolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The version history options of {@code symphony serve}: when versions are taken automatically and
 * how long they are kept. Each falls back to its {@code SYMPHONY_VERSIONS_*} environment variable,
 * else to {@link VersionPolicy#defaults()}.
 */
public final class VersionOptions {

  private static final Pattern DAYS = Pattern.compile("(\\d+)\\s*d", Pattern.CASE_INSENSITIVE);

  @Option(
      names = "--versions-on-idle",
      paramLabel = "on|off",
      description =
          "take a version when a room's last client leaves, if it changed (default on; also"
              + " SYMPHONY_VERSIONS_ON_IDLE)")
  String onIdle;

  @Option(
      names = "--versions-interval",
      paramLabel = "<duration>",
      description =
          "while a room keeps changing, take a version at most this often; 0 for never (default"
              + " 10m; also SYMPHONY_VERSIONS_INTERVAL)")
  String interval;

  @Option(
      names = "--versions-keep",
      paramLabel = "<count>",
      description =
          "keep the newest <count> versions per room; 0 for no limit (default 100; also"
              + " SYMPHONY_VERSIONS_KEEP)")
  String keep;

  @Option(
      names = "--versions-keep-for",
      paramLabel = "<duration>",
      description =
          "delete versions older than this, e.g. 30d; 0 for no age limit (default 0; also"
              + " SYMPHONY_VERSIONS_KEEP_FOR)")
  String keepFor;

  /**
   * Builds the policy; a bad value throws {@link ServeSettings.InvalidSettingException} with the
   * one line the user sees.
   */
  public VersionPolicy resolve(Map<String, String> environment) {
    VersionPolicy policy = VersionPolicy.defaults();
    String idleValue = pick(onIdle, environment, "SYMPHONY_VERSIONS_ON_IDLE");
    if (idleValue != null) {
      policy = policy.withOnIdle(onOff("--versions-on-idle", idleValue));
    }
    String intervalValue = pick(interval, environment, "SYMPHONY_VERSIONS_INTERVAL");
    if (intervalValue != null) {
      policy = policy.withInterval(duration("--versions-interval", intervalValue));
    }
    String keepValue = pick(keep, environment, "SYMPHONY_VERSIONS_KEEP");
    if (keepValue != null) {
      try {
        int count = Integer.parseInt(keepValue.strip());
        if (count < 0) {
          throw new NumberFormatException();
        }
        policy = policy.withKeepLast(count);
      } catch (NumberFormatException e) {
        throw new ServeSettings.InvalidSettingException(
            "invalid --versions-keep: '" + keepValue + "' is not a whole number of 0 or more");
      }
    }
    String keepForValue = pick(keepFor, environment, "SYMPHONY_VERSIONS_KEEP_FOR");
    if (keepForValue != null) {
      policy = policy.withKeepFor(duration("--versions-keep-for", keepForValue));
    }
    return policy;
  }

  /** "30d" for days, else the durations every other option takes ("10m", "1h", "0"). */
  private static Duration duration(String option, String value) {
    try {
      Matcher days = DAYS.matcher(value.strip());
      Duration parsed =
          days.matches()
              ? Duration.ofDays(Long.parseLong(days.group(1)))
              : SettingValues.duration(value);
      if (parsed.isNegative()) {
        throw new IllegalArgumentException("must not be negative");
      }
      return parsed;
    } catch (RuntimeException e) {
      throw new ServeSettings.InvalidSettingException(
          "invalid " + option + ": '" + value + "': " + e.getMessage() + " (or e.g. 30d)");
    }
  }

  private static boolean onOff(String option, String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default ->
          throw new ServeSettings.InvalidSettingException(
              "invalid " + option + ": '" + value + "' (use on or off)");
    };
  }

  private static String pick(String option, Map<String, String> environment, String variable) {
    String value = option != null ? option : environment.get(variable);
    return value == null || value.isBlank() ? null : value;
  }
}
