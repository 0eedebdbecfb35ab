package dev.symphony.load;

import java.time.Duration;
import java.util.Locale;

/** Durations as people type them on the command line: {@code 30s}, {@code 30m}, {@code 1h}. */
public final class Durations {

  private Durations() {}

  /**
   * Parses {@code 500ms}, {@code 45s}, {@code 30m}, {@code 2h}, or a plain number of seconds
   * ({@code 90}, {@code 1.5}).
   */
  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      }
      double unitSeconds =
          switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            default -> 0;
          };
      String number = unitSeconds == 0 ? t : t.substring(0, t.length() - 1).trim();
      double seconds = Double.parseDouble(number) * (unitSeconds == 0 ? 1 : unitSeconds);
      if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(Math.round(seconds * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (e.g. 500ms, 45s, 30m, 2h, or seconds)");
    }
  }

  /** The short form used in reports: {@code 45s}, {@code 30m}, {@code 1h30m}. */
  public static String format(Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    if (s < 60) {
      return s + "s";
    }
    StringBuilder out = new StringBuilder();
    if (s >= 3600) {
      out.append(s / 3600).append('h');
    }
    if (s % 3600 >= 60) {
      out.append((s % 3600) / 60).append('m');
    }
    if (s % 60 != 0) {
      out.append(s % 60).append('s');
    }
    return out.toString();
  }
}
