package dev.symphony.cli.dashboard;

import dev.symphony.cli.Installation;
import dev.symphony.cli.deploy.DeploymentOutputs;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code symphony dashboard}: prints (or opens) the developer dashboard and Grafana URLs. */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = {
      "Prints (or opens) the URLs of the developer dashboard and Grafana.",
      "Of the current deployment when terraform/ holds one (`symphony deploy`),",
      "else of the local server (--host/--port). The dashboard shows live rooms,",
      "connections and document sizes; Grafana's URL comes from the deployment,",
      "--grafana-url or SYMPHONY_GRAFANA_URL."
    })
public final class DashboardCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      paramLabel = "<address>",
      description = "server address (default 127.0.0.1)")
  String host = "127.0.0.1";

  @Option(names = "--port", paramLabel = "<port>", description = "server port (default 1234)")
  int port = 1234;

  @Option(
      names = "--grafana-url",
      paramLabel = "<url>",
      description = "Grafana's address, e.g. http://127.0.0.1:3000 (default: SYMPHONY_GRAFANA_URL)")
  String grafanaUrl;

  @Option(names = "--open", description = "also open the dashboard in a browser")
  boolean open;

  @Option(
      names = "--local",
      description =
          "show the local server even when a deployment exists (implied by --host/--port)")
  boolean local;

  @Option(
      names = "--terraform-dir",
      paramLabel = "<folder>",
      description =
          "where the deployment's Terraform state is (default: terraform/ of this checkout)")
  Path terraformDir;

  private final Map<String, String> environment;

  public DashboardCommand() {
    this(System.getenv());
  }

  DashboardCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 1 || port > 65535) {
      err.println("symphony dashboard: invalid port " + port + ": must be between 1 and 65535");
      err.flush();
      return 2;
    }
    if (!local && !localAddressGiven()) {
      Optional<Path> dir = deploymentDirectory();
      Optional<DeploymentOutputs> deployment = dir.flatMap(DeploymentOutputs::fromState);
      if (deployment.isPresent()) {
        return showDeployment(dir.get(), deployment.get(), out, err);
      }
    }
    String grafana =
        grafanaUrl != null ? grafanaUrl : environment.get(DashboardUrls.GRAFANA_URL_ENV);
    DashboardUrls urls = DashboardUrls.of(host, port, grafana);
    urls.all().forEach((label, url) -> out.printf("%-17s %s%n", label + ":", url));
    if (!isUp(urls)) {
      out.println(
          "(no Symphony answers at "
              + urls.server()
              + " yet: start it with ./symphony serve, or pass --host/--port)");
    }
    out.flush();
    if (open && !openBrowser(urls.dashboard())) {
      err.println(
          "symphony dashboard: no browser found here; open " + urls.dashboard() + " yourself");
      err.flush();
    }
    return 0;
  }

  private boolean localAddressGiven() {
    var parsed = spec.commandLine().getParseResult();
    return parsed.hasMatchedOption("--host") || parsed.hasMatchedOption("--port");
  }

  private Optional<Path> deploymentDirectory() {
    if (terraformDir != null) {
      return Optional.of(terraformDir);
    }
    return Installation.root(environment).map(root -> root.resolve("terraform"));
  }

  /** The URLs of the deployment whose Terraform state is in {@code dir}. */
  private int showDeployment(
      Path dir, DeploymentOutputs deployment, PrintWriter out, PrintWriter err) {
    String topology = deployment.text("topology").orElse("unknown topology");
    out.println(
        "deployment (" + topology + ", from " + dir.resolve(DeploymentOutputs.STATE_FILE) + "):");
    deployment.print(out);
    out.println("(--local shows the local server instead)");
    out.flush();
    String dashboard = deployment.text("dashboard_url").orElseThrow();
    if (open && !openBrowser(dashboard)) {
      err.println("symphony dashboard: no browser found here; open " + dashboard + " yourself");
      err.flush();
    }
    return 0;
  }

  private static boolean isUp(DashboardUrls urls) {
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(URI.create(urls.server() + "/healthz"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** xdg-open (Linux), open (macOS), or the Windows shell; false when none of them runs. */
  private static boolean openBrowser(String url) {
    List<List<String>> candidates =
        List.of(
            List.of("xdg-open", url),
            List.of("open", url),
            List.of("rundll32", "url.dll,FileProtocolHandler", url));
    for (List<String> command : candidates) {
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        return true;
      } catch (IOException e) {
        // not on this system: try the next
      }
    }
    return false;
  }
}
