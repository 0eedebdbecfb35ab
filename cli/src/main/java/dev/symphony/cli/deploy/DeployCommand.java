package dev.symphony.cli.deploy;

import dev.symphony.cli.Installation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code symphony deploy}: provisions Symphony on Google Cloud with the configuration in {@code
 * terraform/} (GKE Autopilot, Cloud SQL, a bucket, Memorystore for pubsub-redis, monitoring) and
 * prints its endpoints.
 */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Deploys Symphony on Google Cloud (GKE Autopilot) with terraform/.",
      "Checks that terraform and gcloud are installed and signed in, runs",
      "terraform init, plan and (after you confirm) apply with the topology's",
      "variables, then prints the endpoints. --dry-run stops after the plan.",
      "Unless --image names one, the apply first builds this checkout's",
      "Dockerfile with Cloud Build into the project's Artifact Registry."
    })
public final class DeployCommand implements Callable<Integer> {

  static final int INVALID_SETTINGS = 2;
  static final int FAILED = 1;

  /** The saved plan that apply executes, so what is applied is exactly what was shown. */
  static final String PLAN_FILE = "symphony-deploy.tfplan";

  @Spec CommandSpec spec;

  @Option(
      names = "--topology",
      required = true,
      paramLabel = "<name>",
      description = "single-node, pubsub-redis or room-per-pod")
  String topology;

  @Option(
      names = "--domain",
      required = true,
      paramLabel = "<dns-name>",
      description =
          "public name clients connect to (wss://<domain>/<room>), e.g. collab.example.com")
  String domain;

  @Option(
      names = "--project",
      paramLabel = "<project-id>",
      description = "Google Cloud project (default: gcloud config get-value project)")
  String project;

  @Option(
      names = "--region",
      paramLabel = "<region>",
      description = "Google Cloud region (default us-central1)")
  String region = "us-central1";

  @Option(
      names = "--image",
      paramLabel = "<ref>",
      description =
          "run this image (one you pushed) instead of building this checkout's Dockerfile with"
              + " Cloud Build into the project's Artifact Registry")
  String image;

  @Option(names = "--dry-run", description = "run terraform init and plan only; change nothing")
  boolean dryRun;

  @Option(names = "--yes", description = "apply the plan without asking")
  boolean yes;

  @Option(
      names = "--terraform-dir",
      paramLabel = "<folder>",
      description = "the Terraform configuration (default: terraform/ of this checkout)")
  Path terraformDir;

  private final Map<String, String> environment;
  private final BufferedReader input;

  public DeployCommand() {
    this(
        System.getenv(),
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
  }

  DeployCommand(Map<String, String> environment, BufferedReader input) {
    this.environment = environment;
    this.input = input;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DeploySettings settings;
    Path dir;
    try {
      var chosenTopology = DeploySettings.topology(topology);
      String chosenDomain = DeploySettings.domain(domain);
      String chosenRegion = DeploySettings.region(region);
      String chosenProject = project == null ? null : DeploySettings.projectId(project);
      String chosenImage = image == null ? null : DeploySettings.image(image);
      dir = locateTerraform();
      Path buildContext = chosenImage != null ? null : ImageBuild.context(checkout());
      Prerequisites.Check check = Prerequisites.check(environment);
      if (!check.ok()) {
        return fail(err, check.problem(), FAILED);
      }
      if (chosenProject == null) {
        chosenProject = DeploySettings.projectId(gcloudProject(check.gcloud()));
      }
      if (chosenImage == null) {
        chosenImage = ImageBuild.imageFor(chosenProject, chosenRegion);
      }
      settings =
          new DeploySettings(
              chosenTopology, chosenDomain, chosenProject, chosenRegion, chosenImage);
      return deploy(settings, dir, buildContext, check, out, err);
    } catch (DeploySettings.InvalidSettingException e) {
      return fail(err, e.getMessage(), INVALID_SETTINGS);
    }
  }

  /**
   * @param buildContext the checkout to build the image from with Cloud Build; null when --image
   *     names one that exists
   */
  private int deploy(
      DeploySettings settings,
      Path dir,
      Path buildContext,
      Prerequisites.Check check,
      PrintWriter out,
      PrintWriter err)
      throws IOException, InterruptedException {
    Map<String, String> terraformEnvironment = new HashMap<>(environment);
    if (check.credentials().accessToken() != null) {
      terraformEnvironment.put("GOOGLE_OAUTH_ACCESS_TOKEN", check.credentials().accessToken());
    }
    ProcessRunner runner = new ProcessRunner(terraformEnvironment);
    String terraform = check.terraform().toString();
    settings.writeVariables(dir);
    out.printf(
        "deploying topology %s for %s in project %s, region %s%n",
        settings.topology().label(), settings.domain(), settings.projectId(), settings.region());
    out.println("  configuration: " + dir);
    out.println("  credentials:   " + check.credentials().describe());
    out.println(
        "  image:         "
            + settings.image()
            + (buildContext == null ? "" : " (built with Cloud Build before the apply)"));

    if (!step(runner, out, err, "init", terraform, dir, List.of("init", "-input=false"))) {
      return FAILED;
    }
    List<String> plan =
        new ArrayList<>(
            List.of("plan", "-input=false", "-var-file=" + DeploySettings.VARIABLES_FILE));
    if (!dryRun) {
      plan.add("-out=" + PLAN_FILE);
    }
    if (!step(runner, out, err, "plan", terraform, dir, plan)) {
      return FAILED;
    }
    if (dryRun) {
      out.println();
      out.println("dry run: nothing was changed. Run the same command without --dry-run to apply.");
      out.flush();
      return 0;
    }
    if (!yes && !confirmed(out, settings)) {
      return fail(err, "not applied (answer 'yes', or pass --yes)", FAILED);
    }
    if (buildContext == null) {
      if (!step(
          runner, out, err, "apply", terraform, dir, List.of("apply", "-input=false", PLAN_FILE))) {
        return FAILED;
      }
    } else if (!buildThenApply(runner, out, err, terraform, dir, buildContext, check, settings)) {
      return FAILED;
    }
    ProcessRunner.Captured outputs =
        runner.capture(
            List.of(terraform, "-chdir=" + dir, "output", "-json"), Duration.ofMinutes(2));
    if (!outputs.succeeded()) {
      return fail(err, "deployed, but `terraform output -json` failed; run it in " + dir, FAILED);
    }
    out.println();
    out.println("Symphony is deployed (" + settings.topology().label() + "):");
    DeploymentOutputs.parse(outputs.output()).print(out);
    out.println(
        "Create the DNS records above; the managed certificates become active 15-60 minutes after"
            + " they resolve. `symphony dashboard` prints these URLs again.");
    out.flush();
    return 0;
  }

  /**
   * The image must exist before the workloads and the migration Job start, and its repository is
   * part of the configuration: create the repository (and the APIs) alone, build into it, then
   * apply the rest. The saved plan is stale after the first apply, so the last apply plans again:
   * the same changes as shown, less the repository and APIs now created.
   */
  private static boolean buildThenApply(
      ProcessRunner runner,
      PrintWriter out,
      PrintWriter err,
      String terraform,
      Path dir,
      Path buildContext,
      Prerequisites.Check check,
      DeploySettings settings)
      throws IOException, InterruptedException {
    String variables = "-var-file=" + DeploySettings.VARIABLES_FILE;
    List<String> registry =
        List.of(
            "apply",
            "-input=false",
            "-auto-approve",
            variables,
            "-target=google_project_service.apis",
            "-target=google_artifact_registry_repository.images");
    if (!step(runner, out, err, "apply (image repository)", terraform, dir, registry)) {
      return false;
    }
    int built =
        ImageBuild.submit(
            runner, check.gcloud(), settings.projectId(), settings.image(), buildContext, out);
    if (built != 0) {
      fail(err, "gcloud builds submit failed (exit " + built + "); its output is above", FAILED);
      return false;
    }
    return step(
        runner,
        out,
        err,
        "apply",
        terraform,
        dir,
        List.of("apply", "-input=false", "-auto-approve", variables));
  }

  /** Runs one terraform subcommand, streaming its output; false (with a line on err) on failure. */
  private static boolean step(
      ProcessRunner runner,
      PrintWriter out,
      PrintWriter err,
      String name,
      String terraform,
      Path dir,
      List<String> arguments)
      throws IOException, InterruptedException {
    out.println();
    out.println("==> terraform " + String.join(" ", arguments));
    out.flush();
    List<String> command = new ArrayList<>(List.of(terraform, "-chdir=" + dir));
    command.addAll(arguments);
    int exit = runner.stream(command, out);
    if (exit != 0) {
      fail(err, "terraform " + name + " failed (exit " + exit + "); its output is above", FAILED);
      return false;
    }
    return true;
  }

  private boolean confirmed(PrintWriter out, DeploySettings settings) throws IOException {
    out.println();
    out.print(
        "Apply this plan to project "
            + settings.projectId()
            + "? It creates billable resources. Type yes to apply: ");
    out.flush();
    String answer = input.readLine();
    return answer != null && answer.strip().equals("yes");
  }

  private Path locateTerraform() {
    Path dir =
        terraformDir != null
            ? terraformDir
            : Installation.root(environment)
                .map(root -> root.resolve("terraform"))
                .orElseThrow(
                    () ->
                        new DeploySettings.InvalidSettingException(
                            "cannot find Symphony's terraform/ folder; pass --terraform-dir"));
    if (!Files.isRegularFile(dir.resolve("variables.tf"))) {
      throw new DeploySettings.InvalidSettingException(
          dir
              + " is not Symphony's Terraform configuration (no variables.tf); pass --terraform-dir");
    }
    return dir.toAbsolutePath().normalize();
  }

  private Path checkout() {
    return Installation.root(environment)
        .orElseThrow(
            () ->
                new DeploySettings.InvalidSettingException(
                    "cannot find this Symphony checkout to build the image from; pass --image"
                        + " <ref> of an image you pushed"));
  }

  private String gcloudProject(Path gcloud) throws InterruptedException {
    try {
      ProcessRunner.Captured project =
          new ProcessRunner(environment)
              .capture(
                  List.of(gcloud.toString(), "config", "get-value", "project", "--quiet"),
                  Duration.ofSeconds(30));
      String value = project.output().strip();
      if (project.succeeded() && !value.isEmpty() && !value.equals("(unset)")) {
        return value;
      }
    } catch (IOException e) {
      // fall through to the message below
    }
    throw new DeploySettings.InvalidSettingException(
        "no Google Cloud project: pass --project <id> or run `gcloud config set project <id>`");
  }

  private static int fail(PrintWriter err, String message, int code) {
    err.println("symphony deploy: " + message);
    err.flush();
    return code;
  }
}
