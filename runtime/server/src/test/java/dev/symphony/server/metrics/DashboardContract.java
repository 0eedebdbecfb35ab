package dev.symphony.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the generated Grafana dashboards ({@code dashboards/generated/}) query: the series names and
 * every panel query with the topologies it applies to.
 */
public final class DashboardContract {

  /** One panel query of {@code queries.json}. */
  public record Query(
      String dashboard, String panel, String refId, String expr, Set<String> metrics) {

    /** The expression with Grafana's variables replaced, ready for Prometheus's HTTP API. */
    public String forPrometheus(String room) {
      return expr.replace("$__rate_interval", "1m")
          .replace("$__range", "1m")
          .replace("$topology", ".*")
          .replace("$instance", ".*")
          .replace("$node", ".*")
          .replace("$orchestrator", ".*")
          .replace("$room", room);
    }

    @Override
    public String toString() {
      return dashboard + " / " + panel + " / " + refId + ": " + expr;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private DashboardContract() {}

  static Path generated() {
    String root = System.getProperty("symphony.repo.root");
    Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
    return base.resolve("dashboards/generated");
  }

  /** The panel queries that apply to {@code topology}. */
  public static List<Query> queries(String topology) {
    List<Query> queries = new ArrayList<>();
    for (JsonNode query : read("queries.json").get("queries")) {
      if (!contains(query.get("topologies"), topology)) {
        continue;
      }
      Set<String> metrics = new TreeSet<>();
      query.get("metrics").forEach(m -> metrics.add(m.asText()));
      queries.add(
          new Query(
              query.get("dashboard").asText(),
              query.get("panel").asText(),
              query.get("refId").asText(),
              query.get("expr").asText(),
              metrics));
    }
    return queries;
  }

  /** Series names that {@code metrics-used.json} lists and some query of {@code topology} uses. */
  public static Set<String> seriesUsedBy(String topology) {
    Set<String> used = new TreeSet<>();
    read("metrics-used.json").forEach(name -> used.add(name.asText()));
    Set<String> ofTopology = new TreeSet<>();
    queries(topology).forEach(q -> ofTopology.addAll(q.metrics()));
    used.retainAll(ofTopology);
    return used;
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode element : array) {
      if (element.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode read(String name) {
    try {
      return JSON.readTree(generated().resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + generated().resolve(name), e);
    }
  }
}
