package dev.symphony.yjs.interop;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects failures over many scenarios so one run reports all of them at once, grouped by kind
 * (first line of the message, numbers blanked), with the details of the first few.
 */
final class Failures {
  private static final int DETAILED = 5;

  private final String check;
  private final List<String> details = new ArrayList<>();
  private final Map<String, Integer> kinds = new LinkedHashMap<>();
  private int count;
  private int total;

  Failures(String check) {
    this.check = check;
  }

  void ran() {
    total++;
  }

  void add(String where, String message) {
    count++;
    String first = message.lines().findFirst().orElse("");
    String kind = first.replaceAll("\\d+", "#");
    if (kind.length() > 160) {
      kind = kind.substring(0, 160) + "...";
    }
    kinds.merge(kind, 1, Integer::sum);
    if (details.size() < DETAILED) {
      details.add(where + "\n  " + message.replace("\n", "\n  "));
    }
  }

  void add(String where, Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    String trace = sw.toString();
    // keep the stack short: the top frames are where the engine broke
    String[] lines = trace.split("\n");
    StringBuilder shortTrace = new StringBuilder();
    for (int i = 0; i < Math.min(lines.length, 14); i++) {
      shortTrace.append(i == 0 ? "" : "\n").append(lines[i]);
    }
    add(where, "threw " + shortTrace);
  }

  int count() {
    return count;
  }

  /** Throws an AssertionError describing every failure, if there was any. */
  void assertNone() {
    if (count == 0) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(check)
        .append(": ")
        .append(count)
        .append(" of ")
        .append(total)
        .append(" failed.\nKinds of failure (count x first line, digits as #):\n");
    kinds.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .limit(25)
        .forEach(
            e ->
                sb.append("  ").append(e.getValue()).append(" x ").append(e.getKey()).append('\n'));
    sb.append("First ").append(details.size()).append(" in detail:\n");
    for (String d : details) {
      sb.append("- ").append(d).append('\n');
    }
    throw new AssertionError(sb.toString());
  }
}
