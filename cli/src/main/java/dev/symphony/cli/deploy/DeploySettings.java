package dev.symphony.cli.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.symphony.cli.serve.ServeSettings;
import dev.symphony.cli.serve.Topology;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Terraform variables {@code symphony deploy} sets (terraform/variables.tf), checked here with
 * the same rules so that a typo stops before Terraform starts.
 */
record DeploySettings(
    Topology topology, String domain, String projectId, String region, String image) {

  /** Written beside the configuration; passed with -var-file (and git-ignored there). */
  static final String VARIABLES_FILE = "symphony-deploy.tfvars.json";

  private static final Pattern DOMAIN =
      Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
  private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
  private static final Pattern REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]");

  /** Thrown with a message fit to print after "symphony deploy: ". */
  static final class InvalidSettingException extends RuntimeException {
    InvalidSettingException(String message) {
      super(message);
    }
  }

  static Topology topology(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidSettingException(
          "--topology is required: single-node, pubsub-redis or room-per-pod");
    }
    try {
      return Topology.parse(value);
    } catch (ServeSettings.InvalidSettingException e) {
      throw new InvalidSettingException(e.getMessage());
    }
  }

  static String domain(String value) {
    return check(
        value, DOMAIN, "domain", "a fully qualified lowercase DNS name such as collab.example.com");
  }

  static String projectId(String value) {
    return check(
        value,
        PROJECT,
        "project",
        "a Google Cloud project id: 6-30 lowercase letters, digits or hyphens, starting with a"
            + " letter");
  }

  static String region(String value) {
    return check(value, REGION, "region", "a Google Cloud region such as us-central1");
  }

  private static String check(String value, Pattern pattern, String name, String expected) {
    String stripped = value == null ? "" : value.strip();
    if (!pattern.matcher(stripped).matches()) {
      throw new InvalidSettingException("invalid " + name + " '" + value + "': " + expected);
    }
    return stripped;
  }

  static String image(String value) {
    String stripped = value == null ? "" : value.strip();
    if (stripped.isEmpty() || stripped.matches(".*\\s.*")) {
      throw new InvalidSettingException(
          "invalid image '"
              + value
              + "': a container image reference such as"
              + " europe-docker.pkg.dev/my-project/images/symphony:0.1.0");
    }
    return stripped;
  }

  /** The variables, by their names in terraform/variables.tf. */
  Map<String, String> variables() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("topology", topology.label());
    variables.put("domain", domain);
    variables.put("project_id", projectId);
    variables.put("region", region);
    variables.put("image", image);
    return variables;
  }

  /** Writes {@link #VARIABLES_FILE} in the Terraform folder; returns its path. */
  Path writeVariables(Path terraformDir) throws IOException {
    Path file = terraformDir.resolve(VARIABLES_FILE);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), variables());
    return file;
  }
}
