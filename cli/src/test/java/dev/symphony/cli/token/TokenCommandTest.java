package dev.symphony.cli.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.auth.Scope;
import dev.symphony.server.auth.TokenVerifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TokenCommandTest {

  static final String SECRET = "a-development-secret-of-32-bytes!";

  private record Run(int exitCode, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new TokenCommand(env));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void printsATokenTheServerAccepts() throws Exception {
    Run run =
        run(
            Map.of("SYMPHONY_AUTH_JWT_SECRET", SECRET),
            "--room",
            "team-*",
            "--scope",
            "read",
            "--ttl",
            "2h",
            "--sub",
            "u7",
            "--name",
            "Bo");

    assertThat(run.exitCode()).as(run.err()).isZero();
    var grant =
        TokenVerifier.hmac(SECRET.getBytes(StandardCharsets.UTF_8)).verify(run.out().strip());
    assertThat(grant.room()).isEqualTo("team-*");
    assertThat(grant.scope()).isEqualTo(Scope.READ);
    assertThat(grant.subject()).isEqualTo("u7");
    assertThat(grant.name()).isEqualTo("Bo");
    assertThat(grant.expiresAt())
        .isBetween(
            Instant.now().plus(Duration.ofMinutes(119)), Instant.now().plus(Duration.ofHours(2)));
  }

  @Test
  void withoutASecretOrWithABadScopeItSaysWhy() {
    Run noSecret = run(Map.of(), "--room", "a", "--scope", "write");
    assertThat(noSecret.exitCode()).isEqualTo(2);
    assertThat(noSecret.err()).contains("SYMPHONY_AUTH_JWT_SECRET");

    Run badScope = run(Map.of(), "--secret", SECRET, "--room", "a", "--scope", "admin");
    assertThat(badScope.exitCode()).isEqualTo(2);
    assertThat(badScope.err()).contains("scope must be 'read' or 'write'");

    Run badTtl = run(Map.of(), "--secret", SECRET, "--room", "a", "--scope", "read", "--ttl", "x");
    assertThat(badTtl.err()).contains("invalid --ttl 'x'");
  }
}
