package dev.symphony.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.server.version.VersionPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The version history options: command line, then SYMPHONY_VERSIONS_*, then the defaults. */
class VersionOptionsTest {

  @TempDir Path temp;

  private static VersionPolicy resolve(Map<String, String> env, String... args) {
    VersionOptions options = new VersionOptions();
    new CommandLine(options).parseArgs(args);
    return options.resolve(env);
  }

  @Test
  void defaultsEnvironmentAndCommandLine() {
    assertThat(resolve(Map.of())).isEqualTo(VersionPolicy.defaults());
    assertThat(
            resolve(
                Map.of(
                    "SYMPHONY_VERSIONS_ON_IDLE", "off",
                    "SYMPHONY_VERSIONS_INTERVAL", "0",
                    "SYMPHONY_VERSIONS_KEEP", "7",
                    "SYMPHONY_VERSIONS_KEEP_FOR", "30d")))
        .isEqualTo(new VersionPolicy(false, Duration.ZERO, 7, Duration.ofDays(30)));
    assertThat(
            resolve(
                Map.of("SYMPHONY_VERSIONS_KEEP", "7"),
                "--versions-keep",
                "0",
                "--versions-interval",
                "2m",
                "--versions-keep-for",
                "12h"))
        .isEqualTo(new VersionPolicy(true, Duration.ofMinutes(2), 0, Duration.ofHours(12)));
  }

  @Test
  void badValuesStopServeWithOneLine() {
    assertThatThrownBy(() -> resolve(Map.of(), "--versions-keep", "-1"))
        .hasMessage("invalid --versions-keep: '-1' is not a whole number of 0 or more");
    assertThatThrownBy(() -> resolve(Map.of("SYMPHONY_VERSIONS_ON_IDLE", "maybe")))
        .hasMessage("invalid --versions-on-idle: 'maybe' (use on or off)");
    assertThatThrownBy(() -> resolve(Map.of(), "--versions-keep-for", "soon"))
        .hasMessageStartingWith("invalid --versions-keep-for: 'soon'");

    CommandLine cli = new CommandLine(new ServeCommand(Map.of()));
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "--port",
            "0",
            "--data-dir",
            temp.resolve("data").toString(),
            "--versions-interval",
            "x");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("symphony serve: invalid --versions-interval: 'x'");
  }
}
