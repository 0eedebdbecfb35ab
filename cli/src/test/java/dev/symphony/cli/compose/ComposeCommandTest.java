package dev.symphony.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ComposeCommandTest {

  @TempDir Path temp;

  private record Run(int exitCode, String out, String err) {}

  private Run compose(Map<String, String> environment, String... args) {
    CommandLine cli = new CommandLine(new ComposeCommand(environment));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void createsAProjectThatNamesItselfAndTheLauncher() throws Exception {
    Path home = Files.createDirectories(temp.resolve("checkout"));
    Path launcher = Files.writeString(home.resolve("symphony"), "#!/bin/sh\n");
    launcher.toFile().setExecutable(true);

    Run run =
        compose(Map.of("SYMPHONY_HOME", home.toString()), "my-app", "--directory", temp.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path project = temp.resolve("my-app");
    assertThat(project.resolve("public/index.html"))
        .content()
        .contains("<title>my-app on Symphony");
    assertThat(project.resolve("src/app.js"))
        .content()
        .contains("import { WebsocketProvider } from 'y-websocket'")
        .contains("params.get('room') || 'my-app'")
        .doesNotContain("{{");
    assertThat(project.resolve(".gitignore")).content().contains("node_modules/");
    assertThat(project.resolve("README.md"))
        .content()
        .contains(launcher + " serve --config symphony.properties")
        .contains("npm install")
        .doesNotContain("{{");
    JsonNode pkg = new ObjectMapper().readTree(project.resolve("package.json").toFile());
    assertThat(pkg.path("name").asText()).isEqualTo("my-app");
    assertThat(pkg.path("dependencies").has("yjs")).isTrue();
    assertThat(pkg.path("dependencies").has("y-websocket")).isTrue();
    assertThat(pkg.path("scripts").path("start").asText()).isEqualTo("node serve.mjs");
    assertThat(run.out())
        .contains("created " + project)
        .contains("cd " + project)
        .contains(launcher + " serve --config symphony.properties");
  }

  @Test
  void theConfigFileHoldsOnlySettingsServeKnows() throws Exception {
    assertThat(compose(Map.of(), "app", "--directory", temp.toString()).exitCode()).isZero();
    Properties config = new Properties();
    try (var reader = Files.newBufferedReader(temp.resolve("app/symphony.properties"))) {
      config.load(reader);
    }
    assertThat(config).containsEntry("port", "1234").containsEntry("data-dir", "./data");
    // serve refuses unknown keys; these are all names it reads.
    assertThat(config.stringPropertyNames())
        .isSubsetOf(
            "host",
            "port",
            "data-dir",
            "grace",
            "checkpoint-interval",
            "max-message-size",
            "update-log",
            "log-flush-interval");
  }

  @Test
  void withoutACheckoutTheReadmeSaysPlainSymphony() throws Exception {
    Path elsewhere = Files.createDirectories(temp.resolve("no-launcher"));
    compose(Map.of("SYMPHONY_HOME", elsewhere.toString()), "app", "--directory", temp.toString());
    assertThat(temp.resolve("app/README.md"))
        .content()
        .contains("\nsymphony serve --config symphony.properties");
  }

  @Test
  void refusesANonEmptyFolderAndChangesNothing() throws Exception {
    Path existing = Files.createDirectories(temp.resolve("taken"));
    Files.writeString(existing.resolve("notes.txt"), "mine");

    Run run = compose(Map.of(), "taken", "--directory", temp.toString());

    assertThat(run.exitCode()).isEqualTo(ComposeCommand.NOT_CREATED);
    assertThat(run.err().strip())
        .isEqualTo(
            "symphony compose: "
                + existing
                + " already exists and is not empty; choose another name or remove it (nothing"
                + " was overwritten)");
    try (var files = Files.list(existing)) {
      assertThat(files).containsExactly(existing.resolve("notes.txt"));
    }
    assertThat(existing.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void refusesAFileInTheWay() throws Exception {
    Files.writeString(temp.resolve("app"), "a file");
    Run run = compose(Map.of(), "app", "--directory", temp.toString());
    assertThat(run.exitCode()).isEqualTo(ComposeCommand.NOT_CREATED);
    assertThat(run.err()).contains("already exists and is not a folder");
  }

  @Test
  void fillsAnEmptyExistingFolder() throws Exception {
    Files.createDirectories(temp.resolve("empty"));
    assertThat(compose(Map.of(), "empty", "--directory", temp.toString()).exitCode()).isZero();
    assertThat(temp.resolve("empty/package.json")).exists();
  }

  @Test
  void refusesNamesThatAreNotAFolderPackageAndRoomName() {
    for (String bad :
        new String[] {"My-App", "../escape", "a/b", "-app", "app-", "1app", "a b", ""}) {
      // "--" so that "-app" reaches the name check rather than picocli's unknown-option error
      Run run = compose(Map.of(), "--directory", temp.toString(), "--", bad);
      assertThat(run.exitCode()).as(bad).isEqualTo(ComposeCommand.INVALID_NAME);
      assertThat(run.err().strip())
          .as(bad)
          .startsWith("symphony compose: invalid project name '" + bad + "'")
          .contains("e.g. my-app")
          .doesNotContain("\n");
    }
    assertThat(temp).isEmptyDirectory();
  }

  @Test
  void acceptsShortAndLongValidNames() {
    assertThat(compose(Map.of(), "a", "--directory", temp.toString()).exitCode()).isZero();
    String longest = "a" + "b".repeat(62) + "9";
    assertThat(compose(Map.of(), longest, "--directory", temp.toString()).exitCode()).isZero();
    assertThat(compose(Map.of(), longest + "x", "--directory", temp.toString()).exitCode())
        .isEqualTo(ComposeCommand.INVALID_NAME);
  }
}
