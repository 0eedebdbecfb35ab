package dev.symphony.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.cli.Installation;
import dev.symphony.cli.serve.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The variables file {@code symphony deploy} writes, given to the real terraform against the real
 * terraform/variables.tf: every name is declared and every value passes its validation, for each
 * topology. Offline: a configuration with only the variables needs no provider. Skipped where
 * terraform is not installed (as the terraform/test checks that need it).
 */
class DeployVariablesTerraformTest {

  @TempDir Path dir;

  @Test
  void terraformAcceptsTheVariablesOfEveryTopology() throws Exception {
    Path terraform = Executables.find("terraform", System.getenv()).orElse(null);
    Assumptions.assumeTrue(terraform != null, "terraform is not installed - skipping");
    Path variables = Installation.root(Map.of()).orElseThrow().resolve("terraform/variables.tf");
    Files.copy(variables, dir.resolve("variables.tf"));
    assertThat(run(terraform, "init", "-input=false").exit()).isZero();

    for (Topology topology : Topology.values()) {
      new DeploySettings(
              topology,
              "collab.example.com",
              "my-project-1",
              "europe-west1",
              ImageBuild.imageFor("my-project-1", "europe-west1"))
          .writeVariables(dir);
      Result plan = plan(terraform);
      assertThat(plan.exit()).as(plan.output()).isZero();
      assertThat(plan.output())
          .as(topology.label())
          .doesNotContain("undeclared")
          .contains("No changes");
    }

    // and the check can fail: a value variables.tf refuses
    new DeploySettings(Topology.SINGLE_NODE, "Not A Domain", "my-project-1", "us-central1", "x")
        .writeVariables(dir);
    Result refused = plan(terraform);
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.output()).contains("Invalid value for variable");
  }

  private record Result(int exit, String output) {}

  private Result plan(Path terraform) throws Exception {
    return run(terraform, "plan", "-input=false", "-var-file=" + DeploySettings.VARIABLES_FILE);
  }

  private Result run(Path terraform, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(terraform.toString(), "-chdir=" + dir));
    command.addAll(List.of(arguments));
    command.add("-no-color");
    Path log = Files.createTempFile(dir.getParent(), "terraform", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
    builder.environment().put("CHECKPOINT_DISABLE", "1");
    builder.environment().put("TF_IN_AUTOMATION", "1");
    Process process = builder.start();
    try {
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("terraform " + arguments[0]).isTrue();
      return new Result(process.exitValue(), read(log));
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
