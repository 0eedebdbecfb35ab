package dev.symphony.cli.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code symphony deploy} needs on this machine: terraform and gcloud on the PATH, and Google
 * credentials Terraform can use. Everything missing is named at once, so one run tells the whole
 * story.
 */
final class Prerequisites {

  static final String TERRAFORM_MISSING =
      "terraform (not on PATH; install Terraform 1.5+: https://developer.hashicorp.com/terraform/install)";
  static final String GCLOUD_MISSING =
      "gcloud (not on PATH; install the Google Cloud CLI: https://cloud.google.com/sdk/docs/install)";
  static final String NOT_SIGNED_IN =
      "Google credentials (run `gcloud auth login` and `gcloud auth application-default login`)";

  /** The result: what was found, and what is missing (empty when all is there). */
  record Check(Path terraform, Path gcloud, Credentials credentials, List<String> missing) {
    boolean ok() {
      return missing.isEmpty();
    }

    /** One line naming everything missing. */
    String problem() {
      return "missing " + String.join("; ", missing);
    }
  }

  /**
   * How Terraform authenticates: application-default credentials (a file it finds itself), or an
   * access token of the signed-in gcloud account, handed over as GOOGLE_OAUTH_ACCESS_TOKEN.
   */
  record Credentials(Path applicationDefault, String accessToken) {
    String describe() {
      return applicationDefault != null
          ? "application-default credentials " + applicationDefault
          : "the access token of the signed-in gcloud account (valid about an hour)";
    }
  }

  private Prerequisites() {}

  static Check check(Map<String, String> environment) throws InterruptedException {
    List<String> missing = new ArrayList<>();
    Path terraform = Executables.find("terraform", environment).orElse(null);
    if (terraform == null) {
      missing.add(TERRAFORM_MISSING);
    }
    Path gcloud = Executables.find("gcloud", environment).orElse(null);
    Credentials credentials = null;
    if (gcloud == null) {
      missing.add(GCLOUD_MISSING);
    } else {
      credentials = credentials(gcloud, environment).orElse(null);
      if (credentials == null) {
        missing.add(NOT_SIGNED_IN);
      }
    }
    return new Check(terraform, gcloud, credentials, List.copyOf(missing));
  }

  private static Optional<Credentials> credentials(Path gcloud, Map<String, String> environment)
      throws InterruptedException {
    Optional<Path> file = applicationDefaultCredentials(environment);
    if (file.isPresent()) {
      return Optional.of(new Credentials(file.get(), null));
    }
    try {
      ProcessRunner.Captured token =
          new ProcessRunner(environment)
              .capture(
                  List.of(gcloud.toString(), "auth", "print-access-token", "--quiet"),
                  Duration.ofSeconds(60));
      String value = token.output().strip();
      if (token.succeeded() && !value.isEmpty() && !value.contains("\n")) {
        return Optional.of(new Credentials(null, value));
      }
    } catch (IOException e) {
      // gcloud does not run: treated as not signed in
    }
    return Optional.empty();
  }

  /** GOOGLE_APPLICATION_CREDENTIALS, else gcloud's well-known file, as Google's libraries look. */
  static Optional<Path> applicationDefaultCredentials(Map<String, String> environment) {
    String explicit = environment.get("GOOGLE_APPLICATION_CREDENTIALS");
    if (explicit != null && !explicit.isBlank()) {
      Path path = Path.of(explicit.strip());
      return Files.isReadable(path) ? Optional.of(path) : Optional.empty();
    }
    String config = environment.get("CLOUDSDK_CONFIG");
    Path folder;
    if (config != null && !config.isBlank()) {
      folder = Path.of(config.strip());
    } else if (environment.get("HOME") != null) {
      folder = Path.of(environment.get("HOME"), ".config", "gcloud");
    } else {
      return Optional.empty();
    }
    Path wellKnown = folder.resolve("application_default_credentials.json");
    return Files.isReadable(wellKnown) ? Optional.of(wellKnown) : Optional.empty();
  }
}
