package dev.symphony.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DashboardCommandTest {

  private record Run(int exitCode, String out) {}

  private static Run run(Map<String, String> environment, String... args) {
    CommandLine cli = new CommandLine(new DashboardCommand(environment));
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int code = cli.execute(args);
    return new Run(code, out.toString());
  }

  @Test
  void printsTheDashboardOfARunningServer() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/healthz",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      int port = server.getAddress().getPort();
      Run run = run(Map.of(), "--port", String.valueOf(port));
      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .contains("dashboard:        http://127.0.0.1:" + port + "/dashboard")
          .contains("metrics:          http://127.0.0.1:" + port + "/metrics")
          .doesNotContain("Grafana")
          .doesNotContain("no Symphony answers");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void namesGrafanaFromTheEnvironmentOrTheOption() {
    Run fromEnv = run(Map.of("SYMPHONY_GRAFANA_URL", "http://grafana.local:3000/"), "--port", "1");
    assertThat(fromEnv.out())
        .contains("Grafana overview: http://grafana.local:3000/d/symphony-overview")
        .contains("Grafana room:     http://grafana.local:3000/d/symphony-room?var-room=<room-id>");
    Run fromOption =
        run(
            Map.of("SYMPHONY_GRAFANA_URL", "http://ignored:3000"),
            "--port",
            "1",
            "--grafana-url",
            "http://g:3000");
    assertThat(fromOption.out())
        .contains("http://g:3000/d/symphony-overview")
        .doesNotContain("ignored");
  }

  @Test
  void saysWhenNoServerAnswers() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Run run = run(Map.of(), "--host", "127.0.0.1", "--port", String.valueOf(port));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("no Symphony answers at http://127.0.0.1:" + port);
    assertThat(run(Map.of(), "--port", "70000").exitCode()).isEqualTo(2);
  }

  private static final String STATE =
      """
      {
        "version": 4,
        "terraform_version": "1.11.4",
        "outputs": {
          "ws_url": {"value": "wss://collab.example.com", "type": "string"},
          "dashboard_url": {"value": "https://collab.example.com/dashboard", "type": "string"},
          "api_url": {"value": "https://collab.example.com/api/rooms", "type": "string"},
          "grafana_url": {"value": "https://grafana.collab.example.com", "type": "string"},
          "grafana_admin_password": {"value": "s3cret", "type": "string", "sensitive": true},
          "topology": {"value": "room-per-pod", "type": "string"}
        },
        "resources": []
      }
      """;

  @Test
  void showsTheDeploymentWhenTerraformHoldsOne(@TempDir Path home) throws Exception {
    Path terraform = Files.createDirectories(home.resolve("terraform"));
    Files.writeString(terraform.resolve("terraform.tfstate"), STATE);
    Map<String, String> env = Map.of("SYMPHONY_HOME", home.toString());

    Run deployed = run(env);
    assertThat(deployed.exitCode()).isZero();
    assertThat(deployed.out())
        .contains("deployment (room-per-pod, from " + terraform.resolve("terraform.tfstate"))
        .contains("dashboard:   https://collab.example.com/dashboard")
        .contains("Grafana:     https://grafana.collab.example.com")
        .contains("WebSocket:   wss://collab.example.com")
        .doesNotContain("s3cret")
        .doesNotContain("127.0.0.1");

    // --local, --host or --port: the local server instead
    for (String[] args : new String[][] {{"--local"}, {"--port", "1"}, {"--host", "127.0.0.1"}}) {
      assertThat(run(env, args).out())
          .as(String.join(" ", args))
          .contains("dashboard:        http://127.0.0.1:")
          .doesNotContain("collab.example.com");
    }
  }

  @Test
  void aStateWithoutOutputsIsNoDeployment(@TempDir Path home) throws Exception {
    Path terraform = Files.createDirectories(home.resolve("terraform"));
    // what `terraform destroy` leaves behind
    Files.writeString(
        terraform.resolve("terraform.tfstate"),
        "{\"version\": 4, \"outputs\": {}, \"resources\": []}");
    Run run = run(Map.of("SYMPHONY_HOME", home.toString()));
    assertThat(run.out()).contains("dashboard:        http://127.0.0.1:1234/dashboard");
  }
}
