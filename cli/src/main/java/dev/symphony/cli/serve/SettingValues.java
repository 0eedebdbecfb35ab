package dev.symphony.cli.serve;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human forms of setting values: durations ("30s", "2m") and sizes ("16MiB"). */
final class SettingValues {

  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);

  private SettingValues() {}

  /** "500ms", "30s", "2m", "1h", a bare number of seconds, or ISO-8601 ("PT30S"). */
  static Duration duration(String text) {
    String value = text.strip();
    if (value.toUpperCase(Locale.ROOT).startsWith("PT")) {
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    }
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration (use e.g. 500ms, 30s, 2m)");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
    double millis =
        switch (unit) {
          case "ms" -> amount;
          case "s" -> amount * 1_000;
          case "m" -> amount * 60_000;
          default -> amount * 3_600_000;
        };
    return Duration.ofMillis(Math.round(millis));
  }

  /** "16MiB", "512k", "1048576" (bytes); k/m/g are binary multiples, as for memory. */
  static long bytes(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size (use e.g. 16MiB, 512KiB, 1048576)");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long factor =
        switch (unit.charAt(0)) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          default -> 1;
        };
    return Math.multiplyExact(amount, factor);
  }

  static int port(String text) {
    int port;
    try {
      port = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number between 0 and 65535");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("must be between 0 and 65535");
    }
    return port;
  }
}
