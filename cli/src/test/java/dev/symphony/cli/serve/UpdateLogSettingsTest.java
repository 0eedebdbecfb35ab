package dev.symphony.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --update-log} and {@code --log-flush-interval}, from every place a setting comes from. */
class UpdateLogSettingsTest {

  @TempDir Path temp;

  private final Map<String, String> options = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();

  @Test
  void theLogIsOnWithA10MsFlushByDefault() {
    ServeSettings settings = ServeSettings.resolve(options, null, env);
    assertThat(settings.updateLog()).isTrue();
    assertThat(settings.logFlushInterval()).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void commandLineEnvironmentAndConfigFileCanSetThem() throws Exception {
    Path config =
        Files.writeString(
            temp.resolve("s.properties"), "update-log=off\nlog-flush-interval=50ms\n");
    ServeSettings fromFile = ServeSettings.resolve(options, config, env);
    assertThat(fromFile.updateLog()).isFalse();
    assertThat(fromFile.logFlushInterval()).isEqualTo(Duration.ofMillis(50));

    env.put("SYMPHONY_UPDATE_LOG", "on");
    env.put("SYMPHONY_LOG_FLUSH_INTERVAL", "2ms");
    ServeSettings fromEnv = ServeSettings.resolve(options, config, env);
    assertThat(fromEnv.updateLog()).isTrue();
    assertThat(fromEnv.logFlushInterval()).isEqualTo(Duration.ofMillis(2));

    options.put("update-log", "off");
    options.put("log-flush-interval", "0ms");
    ServeSettings fromOptions = ServeSettings.resolve(options, config, env);
    assertThat(fromOptions.updateLog()).isFalse();
    assertThat(fromOptions.logFlushInterval()).isZero();
  }

  @Test
  void badValuesStopStartUpWithOneLine() {
    options.put("update-log", "maybe");
    assertThatThrownBy(() -> ServeSettings.resolve(options, null, env))
        .hasMessage("invalid update-log 'maybe' (from --update-log): must be on or off");

    options.remove("update-log");
    env.put("SYMPHONY_LOG_FLUSH_INTERVAL", "5s");
    assertThatThrownBy(() -> ServeSettings.resolve(options, null, env))
        .hasMessage(
            "invalid log-flush-interval '5s' (from SYMPHONY_LOG_FLUSH_INTERVAL): must be between"
                + " 0ms and 1s");
  }

  @Test
  void withTheLogOffNoLogIsKeptAndTheBannerSaysWhatACrashLoses() throws Exception {
    Path data = temp.resolve("data");
    try (ServeProcess server = ServeProcess.start(data, "--update-log=off")) {
      server.awaitListening();
      server.terminate(Duration.ofSeconds(60));
      assertThat(server.output())
          .contains("log:     off (--update-log off): a crash loses up to 30s");
    }
    assertThat(data.resolve("log")).doesNotExist();
  }
}
