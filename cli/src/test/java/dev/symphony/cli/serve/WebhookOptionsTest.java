package dev.symphony.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.server.webhook.WebhookSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --webhook-*} options and their environment variables. */
class WebhookOptionsTest {

  @TempDir Path temp;

  private static WebhookSettings resolve(Map<String, String> env, String... args) {
    WebhookOptions options = new WebhookOptions();
    new CommandLine(options).parseArgs(args);
    return options.resolve(env);
  }

  @Test
  void urlsRepeatOrComeCommaSeparated() {
    WebhookSettings settings =
        resolve(
            Map.of(),
            "--webhook-url",
            "http://a.example/hook,https://b.example/h",
            "--webhook-url=http://c.example:8080/x",
            "--webhook-secret",
            "s",
            "--webhook-debounce",
            "0");
    assertThat(settings.urls())
        .containsExactly(
            URI.create("http://a.example/hook"),
            URI.create("https://b.example/h"),
            URI.create("http://c.example:8080/x"));
    assertThat(settings.secret()).isEqualTo("s");
    assertThat(settings.debounce()).isZero();
  }

  @Test
  void theEnvironmentFillsWhatTheCommandLineLeaves() {
    WebhookSettings settings =
        resolve(
            Map.of(
                "SYMPHONY_WEBHOOK_URLS", "http://a.example/1, http://b.example/2",
                "SYMPHONY_WEBHOOK_SECRET", "from-env",
                "SYMPHONY_WEBHOOK_DEBOUNCE", "750ms"));
    assertThat(settings.urls()).hasSize(2);
    assertThat(settings.secret()).isEqualTo("from-env");
    assertThat(settings.debounce()).isEqualTo(Duration.ofMillis(750));
    assertThat(
            resolve(Map.of("SYMPHONY_WEBHOOK_URLS", "http://a.example/1"), "--webhook-secret=x")
                .debounce())
        .isEqualTo(WebhookSettings.DEFAULT_DEBOUNCE);
  }

  @Test
  void nothingGivenMeansNoWebhooks() {
    assertThat(resolve(Map.of()).enabled()).isFalse();
  }

  @Test
  void badValuesAreRefusedWithOneClearLine() {
    assertThatThrownBy(() -> resolve(Map.of(), "--webhook-url=http://a.example/h"))
        .hasMessage("a webhook secret is required to sign the requests (--webhook-secret)");
    assertThatThrownBy(
            () -> resolve(Map.of(), "--webhook-url=ftp://a.example/h", "--webhook-secret=s"))
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(),
                    "--webhook-url=http://a.example/h",
                    "--webhook-secret=s",
                    "--webhook-debounce=soon"))
        .hasMessageStartingWith("invalid webhook debounce soon");
    assertThatThrownBy(() -> resolve(Map.of(), "--webhook-secret=s"))
        .hasMessageContaining("need --webhook-url");
  }

  @Test
  void serveStopsWithExitCode2OnAMissingSecret() {
    CommandLine cli = new CommandLine(new ServeCommand(Map.of()));
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "--port=0",
            "--data-dir=" + temp.resolve("data"),
            "--webhook-url=http://127.0.0.1:9/hooks");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "symphony serve: a webhook secret is required to sign the requests (--webhook-secret)");
  }

  @Test
  void helpListsTheOptions() {
    String usage = new CommandLine(new ServeCommand(Map.of())).getUsageMessage();
    assertThat(usage).contains("--webhook-url", "--webhook-secret", "--webhook-debounce");
    assertThat(List.of(usage.split("\n"))).anyMatch(line -> line.contains("SYMPHONY_WEBHOOK_URLS"));
  }
}
