package dev.symphony.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code symphony deploy} against fake terraform and gcloud on a PATH of their own. */
class DeployCommandTest {

  private static final String OUTPUTS =
      """
      {
        "ws_url": {"sensitive": false, "type": "string", "value": "wss://collab.example.com"},
        "dashboard_url": {"sensitive": false, "type": "string", "value": "https://collab.example.com/dashboard"},
        "api_url": {"sensitive": false, "type": "string", "value": "https://collab.example.com/api/rooms"},
        "grafana_url": {"sensitive": false, "type": "string", "value": "https://grafana.collab.example.com"},
        "grafana_admin_password": {"sensitive": true, "type": "string", "value": "s3cret-password"},
        "dns_records": {"sensitive": false, "type": ["object", {}], "value": {
          "collab.example.com": "34.1.2.3", "grafana.collab.example.com": "34.1.2.4"}},
        "topology": {"sensitive": false, "type": "string", "value": "pubsub-redis"}
      }
      """;

  @TempDir Path temp;

  private Path terraformDir;
  private Path checkout;
  private Path home;
  private FakeTools tools;

  private record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void setUp() throws Exception {
    terraformDir = Files.createDirectories(temp.resolve("terraform"));
    Files.writeString(terraformDir.resolve("variables.tf"), "# Symphony's variables\n");
    checkout = Files.createDirectories(temp.resolve("checkout"));
    Files.writeString(checkout.resolve("Dockerfile"), "FROM scratch\n");
    Files.createDirectories(checkout.resolve("terraform"));
    Files.writeString(checkout.resolve("terraform/cloudbuild.yaml"), "steps: []\n");
    home = Files.createDirectories(temp.resolve("home")); // no application-default credentials
    tools = FakeTools.in(temp);
    Files.writeString(tools.outputs, OUTPUTS);
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", tools.bin.toString());
    env.put("HOME", home.toString());
    env.put("SYMPHONY_HOME", checkout.toString());
    return env;
  }

  private Run deploy(Map<String, String> env, String input, String... args) {
    CommandLine cli =
        new CommandLine(new DeployCommand(env, new BufferedReader(new StringReader(input))));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("--terraform-dir", terraformDir.toString()));
    all.addAll(List.of(args));
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private String chdir() {
    return "-chdir=" + terraformDir.toAbsolutePath().normalize();
  }

  @Test
  void dryRunInitsAndPlansWithTheTopologysVariablesAndAppliesNothing() throws Exception {
    tools.terraform(null).gcloud(true, null);

    Run run =
        deploy(
            environment(),
            "",
            "--topology=pubsub-redis",
            "--domain=collab.example.com",
            "--project=my-project-1",
            "--region=europe-west1",
            "--dry-run");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(tools.calls())
        .containsExactly(
            "gcloud auth print-access-token --quiet",
            "terraform " + chdir() + " init -input=false token=ya29.fake-token",
            "terraform "
                + chdir()
                + " plan -input=false -var-file=symphony-deploy.tfvars.json token=ya29.fake-token");
    @SuppressWarnings("unchecked")
    Map<String, Object> variables =
        new ObjectMapper()
            .readValue(terraformDir.resolve("symphony-deploy.tfvars.json").toFile(), Map.class);
    assertThat(variables)
        .containsOnlyKeys("topology", "domain", "project_id", "region", "image")
        .containsEntry("topology", "pubsub-redis")
        .containsEntry("domain", "collab.example.com")
        .containsEntry("project_id", "my-project-1")
        .containsEntry("region", "europe-west1");
    // the image this version builds, in the repository terraform/registry.tf creates
    assertThat((String) variables.get("image"))
        .matches("europe-west1-docker\\.pkg\\.dev/my-project-1/symphony/symphony:[A-Za-z0-9_.-]+");
    assertThat(run.out())
        .contains("Terraform has been successfully initialized!")
        .contains("Plan: 42 to add, 0 to change, 0 to destroy.")
        .contains("dry run: nothing was changed")
        .doesNotContain("Apply complete");
  }

  @Test
  void withAnImageApplyRunsTheSavedPlanAndPrintsTheEndpoints() throws Exception {
    tools.terraform(null).gcloud(true, null);

    Run run =
        deploy(
            environment(),
            "",
            "--topology=single-node",
            "--domain=collab.example.com",
            "--project=my-project-1",
            "--image=europe-docker.pkg.dev/other/images/symphony:1.2.3",
            "--yes");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(tools.calls())
        .containsExactly(
            "gcloud auth print-access-token --quiet",
            "terraform " + chdir() + " init -input=false token=ya29.fake-token",
            "terraform "
                + chdir()
                + " plan -input=false -var-file=symphony-deploy.tfvars.json"
                + " -out=symphony-deploy.tfplan token=ya29.fake-token",
            "terraform "
                + chdir()
                + " apply -input=false symphony-deploy.tfplan token=ya29.fake-token",
            "terraform " + chdir() + " output -json token=ya29.fake-token");
    assertThat(run.out())
        .contains("Apply complete!")
        .contains("WebSocket:   wss://collab.example.com")
        .contains("dashboard:   https://collab.example.com/dashboard")
        .contains("admin API:   https://collab.example.com/api/rooms")
        .contains("Grafana:     https://grafana.collab.example.com")
        .contains("DNS record:  collab.example.com A 34.1.2.3")
        .contains("DNS record:  grafana.collab.example.com A 34.1.2.4")
        .doesNotContain("s3cret-password");
    // region defaults to us-central1
    assertThat(terraformDir.resolve("symphony-deploy.tfvars.json"))
        .content()
        .contains("\"region\" : \"us-central1\"")
        .contains("\"image\" : \"europe-docker.pkg.dev/other/images/symphony:1.2.3\"");
  }

  @Test
  void withoutAnImageTheApplyBuildsOneWithCloudBuildIntoTheCreatedRepository() throws Exception {
    tools.terraform(null).gcloud(true, null);

    Run run =
        deploy(
            environment(),
            "",
            "--topology=pubsub-redis",
            "--domain=collab.example.com",
            "--project=my-project-1",
            "--yes");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String vars = "-var-file=symphony-deploy.tfvars.json";
    List<String> calls = tools.calls();
    assertThat(calls).hasSize(7);
    assertThat(calls.subList(0, 3))
        .containsExactly(
            "gcloud auth print-access-token --quiet",
            "terraform " + chdir() + " init -input=false token=ya29.fake-token",
            "terraform "
                + chdir()
                + " plan -input=false "
                + vars
                + " -out=symphony-deploy.tfplan token=ya29.fake-token");
    // 1. only the APIs and the image repository
    assertThat(calls.get(3))
        .isEqualTo(
            "terraform "
                + chdir()
                + " apply -input=false -auto-approve "
                + vars
                + " -target=google_project_service.apis"
                + " -target=google_artifact_registry_repository.images token=ya29.fake-token");
    // 2. the image, from the checkout's Dockerfile, tagged as the variables say
    assertThat(calls.get(4))
        .matches(
            "gcloud builds submit --project my-project-1 --config "
                + java.util.regex.Pattern.quote(
                    checkout.resolve("terraform/cloudbuild.yaml").toString())
                + " --substitutions"
                + " _IMAGE=us-central1-docker\\.pkg\\.dev/my-project-1/symphony/symphony:\\S+ --quiet "
                + java.util.regex.Pattern.quote(checkout.toString()));
    String image = calls.get(4).split(" ")[8].substring("_IMAGE=".length());
    assertThat(terraformDir.resolve("symphony-deploy.tfvars.json"))
        .content()
        .contains("\"image\" : \"" + image + "\"");
    // 3. everything else
    assertThat(calls.subList(5, 7))
        .containsExactly(
            "terraform "
                + chdir()
                + " apply -input=false -auto-approve "
                + vars
                + " token=ya29.fake-token",
            "terraform " + chdir() + " output -json token=ya29.fake-token");
    assertThat(run.out())
        .contains("STATUS: SUCCESS")
        .contains("(built with Cloud Build before the apply)")
        .contains("WebSocket:   wss://collab.example.com");
  }

  @Test
  void aFailedImageBuildStopsBeforeTheWorkloads() throws Exception {
    tools.terraform(null).gcloud(true, null);
    Files.writeString(
        tools.bin.resolve("gcloud"),
        Files.readString(tools.bin.resolve("gcloud"))
            .replace(
                "echo \"STATUS: SUCCESS\" ;;", "echo \"ERROR: build step 0 failed\"; exit 1 ;;"));

    Run run =
        deploy(
            environment(),
            "",
            "--topology=single-node",
            "--domain=collab.example.com",
            "--project=my-project-1",
            "--yes");

    assertThat(run.exitCode()).isEqualTo(DeployCommand.FAILED);
    assertThat(run.out()).contains("ERROR: build step 0 failed");
    assertThat(run.err().strip())
        .isEqualTo("symphony deploy: gcloud builds submit failed (exit 1); its output is above");
    assertThat(tools.calls())
        .filteredOn(call -> call.contains(" apply "))
        .hasSize(1)
        .allMatch(call -> call.contains("-target=google_artifact_registry_repository.images"));
  }

  @Test
  void withoutACheckoutToBuildFromItAsksForAnImage() throws Exception {
    tools.terraform(null).gcloud(true, "my-project-1");
    Files.delete(checkout.resolve("Dockerfile"));
    Run run = deploy(environment(), "", "--topology=single-node", "--domain=a.example.com");
    assertThat(run.exitCode()).isEqualTo(DeployCommand.INVALID_SETTINGS);
    assertThat(run.err().strip())
        .isEqualTo(
            "symphony deploy: no Dockerfile and terraform/cloudbuild.yaml in "
                + checkout
                + " to build the image from; pass --image <ref> of an image you pushed");
    assertThat(tools.calls()).isEmpty();
  }

  @Test
  void appliesOnlyWhenTheAnswerIsYes() throws Exception {
    tools.terraform(null).gcloud(true, "my-project-1");
    String[] args = {"--topology=room-per-pod", "--domain=collab.example.com"};

    Run declined = deploy(environment(), "no\n", args);
    assertThat(declined.exitCode()).isEqualTo(DeployCommand.FAILED);
    assertThat(declined.out()).contains("Type yes to apply");
    assertThat(declined.err().strip())
        .isEqualTo("symphony deploy: not applied (answer 'yes', or pass --yes)");
    assertThat(tools.calls()).noneMatch(call -> call.contains(" apply "));

    Run accepted = deploy(environment(), "yes\n", args);
    assertThat(accepted.exitCode()).as(accepted.err()).isZero();
    assertThat(tools.calls()).anyMatch(call -> call.contains(" apply -input=false"));
  }

  @Test
  void takesTheProjectFromGcloudWhenNotGiven() throws Exception {
    tools.terraform(null).gcloud(true, "configured-project");
    Run run =
        deploy(environment(), "", "--topology=single-node", "--domain=a.example.com", "--dry-run");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(tools.calls()).contains("gcloud config get-value project --quiet");
    assertThat(terraformDir.resolve("symphony-deploy.tfvars.json"))
        .content()
        .contains("\"project_id\" : \"configured-project\"");

    tools.gcloud(true, null);
    Run unset =
        deploy(environment(), "", "--topology=single-node", "--domain=a.example.com", "--dry-run");
    assertThat(unset.exitCode()).isEqualTo(DeployCommand.INVALID_SETTINGS);
    assertThat(unset.err().strip())
        .isEqualTo(
            "symphony deploy: no Google Cloud project: pass --project <id> or run `gcloud config"
                + " set project <id>`");
  }

  @Test
  void withoutTerraformOneLineSaysSoAndNothingRuns() throws Exception {
    tools.gcloud(true, "my-project-1"); // no terraform in the folder that is the whole PATH

    Run run =
        deploy(environment(), "", "--topology=single-node", "--domain=a.example.com", "--dry-run");

    assertThat(run.exitCode()).isEqualTo(DeployCommand.FAILED);
    assertThat(run.err())
        .isEqualTo("symphony deploy: missing " + Prerequisites.TERRAFORM_MISSING + "\n");
    assertThat(run.out()).isEmpty();
    assertThat(tools.calls()).noneMatch(call -> call.startsWith("terraform"));
  }

  @Test
  void gcloudNotSignedInIsNamedWithTheCommandsThatFixIt() throws Exception {
    tools.terraform(null).gcloud(false, "my-project-1");
    Run run =
        deploy(environment(), "", "--topology=single-node", "--domain=a.example.com", "--dry-run");
    assertThat(run.exitCode()).isEqualTo(DeployCommand.FAILED);
    assertThat(run.err())
        .isEqualTo(
            "symphony deploy: missing Google credentials (run `gcloud auth login` and `gcloud auth"
                + " application-default login`)\n");
    assertThat(tools.calls()).noneMatch(call -> call.startsWith("terraform"));
  }

  @Test
  void neitherToolInstalledNamesBothOnOneLine() {
    Run run =
        deploy(environment(), "", "--topology=single-node", "--domain=a.example.com", "--dry-run");
    assertThat(run.err())
        .isEqualTo(
            "symphony deploy: missing "
                + Prerequisites.TERRAFORM_MISSING
                + "; "
                + Prerequisites.GCLOUD_MISSING
                + "\n");
  }

  @Test
  void applicationDefaultCredentialsAreUsedAsTheyAre() throws Exception {
    tools.terraform(null).gcloud(false, "my-project-1");
    Path adc = Files.createDirectories(home.resolve(".config/gcloud"));
    Files.writeString(adc.resolve("application_default_credentials.json"), "{}");

    Run run =
        deploy(environment(), "", "--topology=single-node", "--domain=a.example.com", "--dry-run");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("application-default credentials");
    // Terraform finds the file itself: no token handed over, gcloud auth not asked.
    assertThat(tools.calls())
        .noneMatch(call -> call.contains("print-access-token"))
        .filteredOn(call -> call.startsWith("terraform"))
        .allMatch(call -> call.endsWith("token=none"));
  }

  @Test
  void aFailingPlanStopsBeforeApply() throws Exception {
    tools.terraform("plan").gcloud(true, "my-project-1");
    Run run =
        deploy(environment(), "", "--topology=single-node", "--domain=a.example.com", "--yes");
    assertThat(run.exitCode()).isEqualTo(DeployCommand.FAILED);
    assertThat(run.out()).contains("Error: plan went wrong");
    assertThat(run.err().strip())
        .isEqualTo("symphony deploy: terraform plan failed (exit 1); its output is above");
    assertThat(tools.calls()).noneMatch(call -> call.contains(" apply "));
  }

  @Test
  void badInputStopsBeforeAnyToolRuns() throws Exception {
    tools.terraform(null).gcloud(true, "my-project-1");
    Map<String[], String> cases =
        Map.of(
            new String[] {"--topology=two-node", "--domain=a.example.com"},
            "symphony deploy: unknown topology 'two-node'; choose one of single-node,"
                + " pubsub-redis, room-per-pod",
            new String[] {"--topology=single-node", "--domain=Not A Domain"},
            "symphony deploy: invalid domain 'Not A Domain': a fully qualified lowercase DNS name"
                + " such as collab.example.com",
            new String[] {"--topology=single-node", "--domain=a.example.com", "--project=X"},
            "symphony deploy: invalid project 'X': a Google Cloud project id: 6-30 lowercase"
                + " letters, digits or hyphens, starting with a letter",
            new String[] {"--topology=single-node", "--domain=a.example.com", "--region=mars"},
            "symphony deploy: invalid region 'mars': a Google Cloud region such as us-central1");
    for (Map.Entry<String[], String> c : cases.entrySet()) {
      Run run = deploy(environment(), "", c.getKey());
      assertThat(run.exitCode()).as(c.getValue()).isEqualTo(DeployCommand.INVALID_SETTINGS);
      assertThat(run.err()).isEqualTo(c.getValue() + "\n");
    }
    assertThat(tools.calls()).isEmpty();
  }

  @Test
  void refusesAFolderThatIsNotTheTerraformConfiguration() throws Exception {
    tools.terraform(null).gcloud(true, "my-project-1");
    Files.delete(terraformDir.resolve("variables.tf"));
    Run run = deploy(environment(), "", "--topology=single-node", "--domain=a.example.com");
    assertThat(run.exitCode()).isEqualTo(DeployCommand.INVALID_SETTINGS);
    assertThat(run.err()).contains("is not Symphony's Terraform configuration");
    assertThat(tools.calls()).isEmpty();
  }

  /**
   * The real case: the distribution in a child JVM, with a PATH of this machine's folders minus
   * those holding terraform; stderr is one line that names terraform.
   */
  @Test
  void theRealCommandWithoutTerraformOnThePathPrintsOneLine() throws Exception {
    String path =
        Arrays.stream(
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
            .filter(dir -> !dir.isBlank() && !Files.exists(Path.of(dir, "terraform")))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-cp", mainClassPath(), "dev.symphony.cli.SymphonyCli"));
    command.addAll(
        List.of(
            "deploy",
            "--dry-run",
            "--topology=single-node",
            "--domain=collab.example.com",
            "--project=my-project-1"));
    Path out = temp.resolve("out.txt");
    Path err = temp.resolve("err.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("PATH", path);
    builder.environment().put("HOME", home.toString());
    builder.environment().remove("GOOGLE_APPLICATION_CREDENTIALS");
    builder.environment().remove("CLOUDSDK_CONFIG");
    Process process = builder.start();
    try {
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
      List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0))
          .startsWith("symphony deploy: missing terraform (not on PATH; install Terraform 1.5+");
      assertThat(process.exitValue()).isEqualTo(DeployCommand.FAILED);
      assertThat(out).isEmptyFile();
    } finally {
      process.destroyForcibly();
    }
  }

  private static String mainClassPath() {
    String full =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(full.split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
