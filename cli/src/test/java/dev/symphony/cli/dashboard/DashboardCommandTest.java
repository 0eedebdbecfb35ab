package dev.symphony.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
}
