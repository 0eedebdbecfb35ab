package dev.symphony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SymphonyCliTest {

  private record Run(int exitCode, String out) {}

  private static Run run(String... args) {
    CommandLine cli = SymphonyCli.newCommandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int code = cli.execute(args);
    return new Run(code, out.toString());
  }

  @Test
  void versionNamesTheBuiltVersionAndTheJava() {
    Run run = run("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("symphony 0.1.0-SNAPSHOT")
        .contains("Java " + Runtime.version());
  }

  @Test
  void helpDescribesTheCommand() {
    Run run = run("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: symphony").contains("--version").contains("y-websocket");
  }

  @Test
  void unknownOptionFailsWithUsage() {
    Run run = run("--no-such-option");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).contains("Unknown option: '--no-such-option'");
  }
}
