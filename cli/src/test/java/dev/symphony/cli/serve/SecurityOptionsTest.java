package dev.symphony.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Secure by default: what {@code symphony serve} refuses before it starts. */
class SecurityOptionsTest {

  private record Run(int exitCode, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new ServeCommand(env));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Run(cli.execute(args), err.toString());
  }

  @Test
  void aPublicAddressWithoutAuthIsRefusedUnlessInsecure() {
    Run run = run(Map.of(), "--host", "0.0.0.0", "--port", "0");

    assertThat(run.exitCode()).isEqualTo(ServeCommand.INVALID_SETTINGS);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("symphony serve: refusing to listen on 0.0.0.0 without authentication")
        .contains("SYMPHONY_AUTH_JWT_SECRET", "--insecure");
  }

  @Test
  void aShortSecretIsOneClearLine() {
    Run run = run(Map.of("SYMPHONY_AUTH_JWT_SECRET", "short"), "--port", "0");

    assertThat(run.exitCode()).isEqualTo(ServeCommand.INVALID_SETTINGS);
    assertThat(run.err())
        .startsWith("symphony serve: invalid auth-jwt-secret: the JWT secret must be at least 32");
  }

  @Test
  void twoKeySourcesAreRefused() {
    Run run =
        run(
            Map.of("SYMPHONY_AUTH_JWT_SECRET", "x".repeat(32)),
            "--auth-jwks-url",
            "http://127.0.0.1:1/jwks.json");

    assertThat(run.exitCode()).isEqualTo(ServeCommand.INVALID_SETTINGS);
    assertThat(run.err()).contains("choose one way to verify room tokens");
  }

  @Test
  void limitsAreReadFromOptionsAndEnvironment() {
    SecurityOptions options = new SecurityOptions();
    new CommandLine(options)
        .parseArgs(
            "--max-connections-per-room",
            "7",
            "--allowed-origins",
            "https://a.example, http://localhost:3000",
            "--handshake-timeout",
            "3s");

    var limits = options.resolve(Map.of("SYMPHONY_MAX_UPDATE_RATE", "42")).limits();

    assertThat(limits.maxConnectionsPerRoom()).isEqualTo(7);
    assertThat(limits.updateRate().messagesPerSecond()).isEqualTo(42);
    assertThat(limits.allowedOrigins())
        .containsExactlyInAnyOrder("https://a.example", "http://localhost:3000");
    assertThat(limits.handshakeTimeout()).hasSeconds(3);
  }

  @Test
  void roomLimitsReachTheRoomSettings() {
    SecurityOptions options = new SecurityOptions();
    new CommandLine(options).parseArgs("--max-rooms", "12", "--max-document-size", "2MiB");
    var security = options.resolve(Map.of());

    var config = options.apply(dev.symphony.server.config.ServerConfig.defaults(), security);

    assertThat(config.rooms().maxRooms()).isEqualTo(12);
    assertThat(config.rooms().maxDocumentBytes()).isEqualTo(2L * 1024 * 1024);
    assertThat(config.security()).isSameAs(security);
  }

  @Test
  void aBadLimitIsOneClearLine() {
    Run run = run(Map.of("SYMPHONY_MAX_CONNECTIONS", "lots"), "--port", "0");

    assertThat(run.exitCode()).isEqualTo(ServeCommand.INVALID_SETTINGS);
    assertThat(run.err())
        .contains("invalid max-connections 'lots' (from SYMPHONY_MAX_CONNECTIONS)");
  }
}
