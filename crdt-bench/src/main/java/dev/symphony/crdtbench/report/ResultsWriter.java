package dev.symphony.crdtbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.symphony.crdtbench.suite.Scenario;
import dev.symphony.crdtbench.suite.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Writes results.json and results.md (crdt-benchmarks' table layout, engines as columns). */
final class ResultsWriter {

  static final String SYMPHONY = "symphony";
  static final String YJS_NODE = "yjs-node";

  private final RunInfo info;
  private final List<String> scenarioIds;
  private final List<EngineResults> columns;

  /** Where and how the figures were taken. */
  record RunInfo(
      String date, String machine, String jvm, String node, String method, List<String> notes) {}

  ResultsWriter(RunInfo info, List<String> scenarioIds, List<EngineResults> columns) {
    this.info = info;
    this.scenarioIds = scenarioIds;
    this.columns = columns;
  }

  void write(Path outDir) throws IOException {
    Files.createDirectories(outDir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("n", 6000);
    json.put("run", info);
    json.put("benchmarks", titles());
    json.put("engines", columns);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(outDir.resolve("results.json").toFile(), json);
    Files.writeString(outDir.resolve("results.md"), markdown());
  }

  private Map<String, String> titles() {
    Map<String, String> titles = new LinkedHashMap<>();
    scenarioIds.forEach(id -> titles.put(id, Suite.byId(id).title()));
    return titles;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# CRDT benchmarks (crdt-benchmarks suite, N = 6000)\n\n");
    md.append("- Date: ").append(info.date()).append('\n');
    md.append("- Machine: ").append(info.machine()).append('\n');
    md.append("- JVM: ").append(info.jvm()).append('\n');
    md.append("- Node: ").append(info.node()).append('\n');
    md.append("- Method: ").append(info.method()).append("\n\n");
    table(md);
    comparison(md);
    memoryMethods(md);
    failures(md);
    if (!info.notes().isEmpty()) {
      md.append("\n## Notes\n\n");
      info.notes().forEach(note -> md.append("- ").append(note).append('\n'));
    }
    md.append(
        """

        ## Credits

        B4 replays the `automerge-paper` editing trace (Martin Kleppmann, from the automerge-perf \
        repository), as distributed in Joseph Gentle's josephg/editing-traces collection. The \
        benchmark definitions follow dmonad/crdt-benchmarks (Kevin Jahns).
        """);
    return md.toString();
  }

  private void table(StringBuilder md) {
    md.append("| N = 6000 |");
    columns.forEach(column -> md.append(' ').append(column.displayName()).append(" |"));
    md.append("\n| --- |");
    columns.forEach(column -> md.append(" ---: |"));
    md.append('\n');
    for (String id : scenarioIds) {
      Scenario scenario = Suite.byId(id);
      row(md, scenario, "time", r -> time(r.time()));
      if (scenario.updateSizeMetric() != null) {
        row(md, scenario, scenario.updateSizeMetric(), r -> bytes(r.updateSize()));
      }
      row(md, scenario, "encodeTime", r -> time(r.encodeTime()));
      row(md, scenario, "docSize", r -> bytes(r.docSize()));
      row(md, scenario, "parseTime", r -> time(r.parseTime()));
      row(md, scenario, "memUsed", r -> memory(r.memUsed()));
    }
  }

  private void row(
      StringBuilder md, Scenario scenario, String metric, Function<ScenarioResult, String> cell) {
    md.append("| ").append(scenario.title()).append(" (").append(metric).append(") |");
    for (EngineResults column : columns) {
      ScenarioResult result = column.results().get(scenario.id());
      String value;
      if (result == null) {
        value = "";
      } else if (!result.isOk()) {
        value = failureCell(result);
      } else {
        value = cell.apply(result);
      }
      md.append(' ').append(value).append(" |");
    }
    md.append('\n');
  }

  private static String failureCell(ScenarioResult result) {
    return switch (result.status()) {
      case wrong_result -> "✗ wrong result";
      case error -> "✗ error";
      case skipped -> "skipped";
      case ok -> "";
    };
  }

  /** Symphony against Yjs in Node, the targets. */
  private void comparison(StringBuilder md) {
    Optional<EngineResults> symphony = column(SYMPHONY);
    Optional<EngineResults> yjs = column(YJS_NODE);
    if (symphony.isEmpty() || yjs.isEmpty()) {
      return;
    }
    md.append("\n## Symphony Yjs (JVM) / Yjs (Node)\n\n");
    md.append("Ratios below 1 mean Symphony is faster or smaller.\n\n");
    md.append("| benchmark | time | encodeTime | parseTime | docSize | memUsed |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (String id : scenarioIds) {
      ScenarioResult ours = symphony.get().results().get(id);
      ScenarioResult theirs = yjs.get().results().get(id);
      if (ours == null || theirs == null || !ours.isOk() || !theirs.isOk()) {
        continue;
      }
      md.append("| ").append(id).append(" | ");
      md.append(ratio(best(ours.time()), best(theirs.time()))).append(" | ");
      md.append(ratio(best(ours.encodeTime()), best(theirs.encodeTime()))).append(" | ");
      md.append(ratio(best(ours.parseTime()), best(theirs.parseTime()))).append(" | ");
      md.append(ratio(ours.docSize(), theirs.docSize())).append(" | ");
      md.append(ratio(ours.memUsed(), theirs.memUsed())).append(" |\n");
    }
  }

  private void memoryMethods(StringBuilder md) {
    md.append("\n## How memUsed is measured\n\n");
    for (EngineResults column : columns) {
      md.append("- ")
          .append(column.displayName())
          .append(": ")
          .append(column.memoryMethod())
          .append('\n');
    }
  }

  private void failures(StringBuilder md) {
    List<String> lines = new ArrayList<>();
    for (EngineResults column : columns) {
      column
          .results()
          .forEach(
              (id, result) -> {
                if (!result.isOk()) {
                  lines.add(
                      column.displayName()
                          + ", "
                          + id
                          + ": "
                          + result.status()
                          + " — "
                          + result.message());
                }
              });
    }
    if (!lines.isEmpty()) {
      md.append("\n## Not reported (result check failed or not run)\n\n");
      lines.forEach(line -> md.append("- ").append(line.replace('\n', ' ')).append('\n'));
    }
  }

  private Optional<EngineResults> column(String id) {
    return columns.stream().filter(column -> column.id().equals(id)).findFirst();
  }

  private static Double best(Timing timing) {
    return timing == null ? null : timing.bestMs();
  }

  private static String ratio(Number ours, Number theirs) {
    if (ours == null || theirs == null || theirs.doubleValue() <= 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%.2f", ours.doubleValue() / theirs.doubleValue());
  }

  static String time(Timing timing) {
    if (timing == null) {
      return "";
    }
    double ms = timing.bestMs();
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.2f ms", ms);
    }
    return String.format(Locale.ROOT, "%,.0f ms", ms);
  }

  static String bytes(Long value) {
    return value == null ? "" : String.format(Locale.ROOT, "%,d bytes", value);
  }

  static String memory(Long value) {
    if (value == null) {
      return "";
    }
    double abs = Math.abs((double) value);
    if (abs >= 1e6) {
      return String.format(Locale.ROOT, "%.1f MB", value / 1e6);
    }
    if (abs >= 1e3) {
      return String.format(Locale.ROOT, "%.1f kB", value / 1e3);
    }
    return value + " B";
  }
}
