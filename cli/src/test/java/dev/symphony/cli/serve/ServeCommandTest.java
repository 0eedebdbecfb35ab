package dev.symphony.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new ServeCommand(env));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void anInvalidValueStopsStartUpWithOneLine() {
    Run run = run(Map.of(), "--port", "abc");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "symphony serve: invalid port 'abc' (from --port): must be a whole number between 0"
                + " and 65535");
  }

  @Test
  void anInvalidEnvironmentVariableStopsStartUpToo() {
    Run run = run(Map.of("SYMPHONY_GRACE", "soon"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("invalid grace 'soon' (from SYMPHONY_GRACE)");
  }

  @Test
  void helpListsEveryOptionAndTheEnvironmentVariables() {
    Run run = run(Map.of(), "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--port", "--host", "--data-dir", "--grace", "--checkpoint-interval", "--config")
        .contains("SYMPHONY_PORT");
  }

  @Test
  void loopbackAddressesAreRecognised() {
    assertThat(ServeCommand.isLoopback("127.0.0.1")).isTrue();
    assertThat(ServeCommand.isLoopback("::1")).isTrue();
    assertThat(ServeCommand.isLoopback("localhost")).isTrue();
    assertThat(ServeCommand.isLoopback("0.0.0.0")).isFalse();
  }
}
