package dev.symphony.load.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gatling's own statistics per request name, read back from the statistics table of its HTML report
 * ({@code index.html}): Gatling 3.15 writes no machine-readable summary beside it, and the table's
 * cells have stable classes ({@code col-2} total ... {@code col-13} mean).
 */
public final class GatlingReport {

  /** One row: counts and response times in milliseconds. */
  public record Row(
      String name,
      long total,
      long ok,
      long ko,
      double min,
      double p50,
      double p95,
      double p99,
      double max,
      double mean) {}

  private static final Pattern ROW =
      Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern CELL =
      Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");

  private GatlingReport() {}

  /** Rows by request name; "All Requests" is the total. Empty when there is no report. */
  public static Map<String, Row> read(Path reportDir) throws IOException {
    Path index = reportDir.resolve("index.html");
    if (!Files.exists(index)) {
      return Map.of();
    }
    return parse(Files.readString(index));
  }

  static Map<String, Row> parse(String html) {
    Map<String, Row> rows = new LinkedHashMap<>();
    Matcher row = ROW.matcher(html);
    while (row.find()) {
      Map<Integer, String> cells = new LinkedHashMap<>();
      Matcher cell = CELL.matcher(row.group(2));
      while (cell.find()) {
        cells.put(Integer.parseInt(cell.group(1)), cell.group(2).trim());
      }
      if (cells.size() < 12) {
        continue;
      }
      String name = unescape(row.group(1).trim());
      rows.putIfAbsent(
          name,
          new Row(
              name,
              (long) number(cells.get(2)),
              (long) number(cells.get(3)),
              (long) number(cells.get(4)),
              number(cells.get(7)),
              number(cells.get(8)),
              number(cells.get(10)),
              number(cells.get(11)),
              number(cells.get(12)),
              number(cells.get(13))));
    }
    return rows;
  }

  private static double number(String text) {
    if (text == null || text.isEmpty() || text.equals("-")) {
      return 0;
    }
    return Double.parseDouble(text.replace(",", ""));
  }

  private static String unescape(String s) {
    return s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'");
  }
}
