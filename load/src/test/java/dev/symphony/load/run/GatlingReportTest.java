package dev.symphony.load.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GatlingReportTest {

  /** One row as Gatling 3.15's index.html writes its statistics table. */
  private static String row(String name, long total, long ok, long ko, int... times) {
    StringBuilder html = new StringBuilder();
    html.append("<tr id=\"req_x\" data-parent=\"ROOT\">\n  <td class=\"total col-1\">\n")
        .append(
            "<span onmouseover=\"isEllipsed('x')\" id=\"stats-table-x\" class=\"ellipsed-name\">")
        .append(name)
        .append("</span>\n  </td>\n");
    html.append("  <td class=\"value total col-2\">").append(total).append("</td>\n");
    html.append("  <td class=\"value ok col-3\">").append(ok).append("</td>\n");
    html.append("  <td class=\"value ko col-4\">").append(ko).append("</td>\n");
    html.append("  <td class=\"value ko col-5\">0</td>\n");
    html.append("  <td class=\"value total col-6\">35.31</td>\n");
    for (int i = 0; i < times.length; i++) {
      html.append("  <td class=\"value total col-")
          .append(7 + i)
          .append("\">")
          .append(times[i])
          .append("</td>\n");
    }
    return html.append("</tr>").toString();
  }

  @Test
  void rowsOfTheStatisticsTableReadBackByName() {
    String html =
        "<table><tbody>"
            + row("All Requests", 459, 458, 1, 0, 0, 0, 1, 6, 88, 0, 4)
            + "</tbody></table><table><tbody>"
            + row("connect", 8, 8, 0, 3, 4, 8, 88, 90, 95, 15, 28)
            + row("initial sync", 8, 7, 1, 0, 1, 1, 11, 12, 13, 2, 3)
            + "</tbody></table>";
    Map<String, GatlingReport.Row> rows = GatlingReport.parse(html);
    assertThat(rows).containsOnlyKeys("All Requests", "connect", "initial sync");
    assertThat(rows.get("connect"))
        .isEqualTo(new GatlingReport.Row("connect", 8, 8, 0, 3, 4, 88, 90, 95, 15));
    assertThat(rows.get("initial sync").ko()).isEqualTo(1);
  }

  @Test
  void aPageWithoutTheTableGivesNothing() {
    assertThat(GatlingReport.parse("<html>no stats</html>")).isEmpty();
  }
}
