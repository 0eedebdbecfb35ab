package dev.symphony.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus (Debian's {@code prometheus}, or {@code PROMETHEUS_BIN}) owned by one test: a
 * free loopback port, its data in a temporary folder, scraping one target every second.
 */
final class LocalPrometheus implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final Path log;
  private final URI api;

  private LocalPrometheus(Process process, Path log, URI api) {
    this.process = process;
    this.log = log;
    this.api = api;
  }

  /** The binary, or a skip (a failure under CI=true) when there is none. */
  static String binary() {
    String configured = System.getenv("PROMETHEUS_BIN");
    String binary = configured != null ? configured : "prometheus";
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (binary.contains("/")
          ? Files.isExecutable(Path.of(binary))
          : Files.isExecutable(Path.of(dir, binary))) {
        return binary;
      }
    }
    String message =
        "the Prometheus test needs the `prometheus` binary (apt-get install prometheus, or set"
            + " PROMETHEUS_BIN)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message + " - skipping");
    return null;
  }

  static LocalPrometheus start(Path dir, String target) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 900ms
        scrape_configs:
          - job_name: symphony
            metrics_path: /metrics
            static_configs:
              - targets: ['%s']
        """
            .formatted(target));
    Path log = dir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                binary(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    LocalPrometheus prometheus =
        new LocalPrometheus(process, log, URI.create("http://127.0.0.1:" + port));
    prometheus.awaitReady();
    return prometheus;
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("prometheus exited:\n" + Files.readString(log));
      }
      try {
        if (HTTP.send(
                    HttpRequest.newBuilder(api.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("prometheus not ready within 60 s:\n" + Files.readString(log));
  }

  /** The {@code data.result} of an instant query; fails on an error answer. */
  List<JsonNode> query(String promql) throws Exception {
    URI uri =
        api.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(response.body());
    if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new AssertionError("query failed: " + promql + "\n" + response.body());
    }
    List<JsonNode> result = new java.util.ArrayList<>();
    body.get("data").get("result").forEach(result::add);
    return result;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
