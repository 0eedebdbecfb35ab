package dev.symphony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./symphony launcher's JDK discovery, run as a user would run it. */
class LauncherTest {
  private static final Path LAUNCHER =
      Path.of(System.getProperty("symphony.repo.root", "..")).resolve("symphony");

  private record Result(int exitCode, String output) {}

  private static Result launch(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(LAUNCHER.toString());
    builder.command().addAll(java.util.List.of(args));
    builder.environment().remove("JAVA_HOME");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  @Test
  void withoutAnyJdk21ItSaysWhatToInstall(@TempDir Path empty) throws Exception {
    Path bin = Files.createDirectories(empty.resolve("bin"));
    for (String tool : new String[] {"bash", "dirname", "sed", "head", "readlink", "cat", "env"}) {
      Path target = Path.of("/usr/bin", tool);
      if (!Files.exists(target)) {
        target = Path.of("/bin", tool);
      }
      Files.createSymbolicLink(bin.resolve(tool), target);
    }
    Result result =
        launch(
            Map.of("PATH", bin.toString(), "SYMPHONY_JDK_SEARCH", empty.resolve("none").toString()),
            "--version");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("no JDK 21 or newer found").contains("set JAVA_HOME");
  }

  @Test
  void anOlderJavaHomeIsPassedOverForANewerJdk(@TempDir Path fakeHome) throws Exception {
    Path oldJdk = Files.createDirectories(fakeHome.resolve("jdk-17/bin"));
    Files.writeString(fakeHome.resolve("jdk-17/release"), "JAVA_VERSION=\"17.0.2\"\n");
    Files.writeString(oldJdk.resolve("java"), "#!/bin/sh\nexit 3\n");
    oldJdk.resolve("java").toFile().setExecutable(true);
    Result result =
        launch(
            Map.of(
                "JAVA_HOME",
                fakeHome.resolve("jdk-17").toString(),
                "SYMPHONY_JDK_SEARCH",
                System.getProperty("java.home"),
                "SYMPHONY_SKIP_BUILD",
                "1",
                "SYMPHONY_JAVA_OPTS",
                "-XshowSettings:properties"),
            "--help");
    // The distribution may not be packaged yet in this build phase; what matters is which java ran.
    assertThat(result.output()).contains("java.home = " + System.getProperty("java.home"));
  }
}
