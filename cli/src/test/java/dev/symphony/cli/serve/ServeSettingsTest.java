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

class ServeSettingsTest {

  @TempDir Path temp;

  private final Map<String, String> options = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();

  private ServeSettings resolve(Path config) {
    return ServeSettings.resolve(options, config, env);
  }

  @Test
  void defaultsAreSafe() {
    ServeSettings settings = resolve(null);
    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(1234);
    assertThat(settings.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(settings.grace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.maxMessageBytes()).isEqualTo(16L << 20);
  }

  @Test
  void commandLineBeatsEnvironmentBeatsConfigFile() throws Exception {
    Path config =
        Files.writeString(
            temp.resolve("symphony.properties"), "port=3000\ngrace=5s\nhost=0.0.0.0\n");
    env.put("SYMPHONY_PORT", "2000");
    env.put("SYMPHONY_GRACE", "7s");
    options.put("port", "1000");

    ServeSettings settings = resolve(config);

    assertThat(settings.port()).isEqualTo(1000);
    assertThat(settings.grace()).isEqualTo(Duration.ofSeconds(7));
    assertThat(settings.host()).isEqualTo("0.0.0.0");
  }

  @Test
  void theConfigFileMayComeFromTheEnvironment() throws Exception {
    Path config = Files.writeString(temp.resolve("s.properties"), "checkpoint-interval=2m\n");
    env.put("SYMPHONY_CONFIG", config.toString());
    env.put("SYMPHONY_DATA_DIR", "/srv/symphony");

    ServeSettings settings = resolve(null);

    assertThat(settings.checkpointInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/symphony"));
  }

  @Test
  void badValuesNameTheSettingTheValueAndTheirSource() {
    env.put("SYMPHONY_PORT", "http");
    assertThatThrownBy(() -> resolve(null))
        .hasMessage(
            "invalid port 'http' (from SYMPHONY_PORT): must be a whole number between 0 and 65535");

    env.clear();
    options.put("grace", "-5s");
    assertThatThrownBy(() -> resolve(null))
        .hasMessageStartingWith("invalid grace '-5s' (from --grace): not a duration");

    options.clear();
    options.put("checkpoint-interval", "0s");
    assertThatThrownBy(() -> resolve(null)).hasMessageContaining("must be more than zero");

    options.clear();
    options.put("port", "70000");
    assertThatThrownBy(() -> resolve(null)).hasMessageContaining("between 0 and 65535");

    options.clear();
    options.put("max-message-size", "12 parsecs");
    assertThatThrownBy(() -> resolve(null)).hasMessageContaining("not a size");
  }

  @Test
  void aTypoInTheConfigFileIsReported() throws Exception {
    Path config = Files.writeString(temp.resolve("s.properties"), "prot=1234\n");
    assertThatThrownBy(() -> resolve(config))
        .hasMessageContaining("unknown setting 'prot'")
        .hasMessageContaining("port");
  }

  @Test
  void aMissingConfigFileIsReported() {
    assertThatThrownBy(() -> resolve(temp.resolve("nope.properties")))
        .hasMessageContaining("cannot read config file");
  }

  @Test
  void durationsAndSizesReadLikePeopleWriteThem() {
    assertThat(SettingValues.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(SettingValues.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(SettingValues.duration("45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(SettingValues.duration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(SettingValues.duration("PT1H")).isEqualTo(Duration.ofHours(1));
    assertThat(SettingValues.bytes("16MiB")).isEqualTo(16L << 20);
    assertThat(SettingValues.bytes("512k")).isEqualTo(512L << 10);
    assertThat(SettingValues.bytes("2048")).isEqualTo(2048);
  }
}
