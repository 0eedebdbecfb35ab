package dev.symphony.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outputs of a Terraform deployment of Symphony (terraform/outputs.tf): its URLs, addresses and
 * topology. Read from {@code terraform output -json} or from the local state file, whose {@code
 * outputs} member has the same shape ({@code {"name": {"value": ..., "sensitive": ...}}}).
 */
public final class DeploymentOutputs {

  /** The state file Terraform keeps beside the configuration with the default (local) backend. */
  public static final String STATE_FILE = "terraform.tfstate";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonNode> values;

  private DeploymentOutputs(Map<String, JsonNode> values) {
    this.values = values;
  }

  /** Parses what {@code terraform output -json} prints. */
  static DeploymentOutputs parse(String json) throws IOException {
    return of(JSON.readTree(json));
  }

  /**
   * The outputs in the state file of {@code terraformDir}, when there is a deployment there (a
   * state with Symphony's dashboard_url output); empty otherwise.
   */
  public static Optional<DeploymentOutputs> fromState(Path terraformDir) {
    Path state = terraformDir.resolve(STATE_FILE);
    if (!Files.isRegularFile(state)) {
      return Optional.empty();
    }
    try {
      DeploymentOutputs outputs = of(JSON.readTree(state.toFile()).path("outputs"));
      return outputs.text("dashboard_url").isEmpty() ? Optional.empty() : Optional.of(outputs);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static DeploymentOutputs of(JsonNode outputs) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    outputs
        .properties()
        .forEach(
            entry -> {
              JsonNode output = entry.getValue();
              if (!output.path("sensitive").asBoolean(false)) {
                values.put(entry.getKey(), output.path("value"));
              }
            });
    return new DeploymentOutputs(values);
  }

  /** A string output; empty when absent or blank (e.g. grafana_url with monitoring off). */
  public Optional<String> text(String name) {
    JsonNode value = values.get(name);
    if (value == null || !value.isValueNode() || value.asText().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  /** The A records to create ({@code dns_records}: name to address). */
  public Map<String, String> dnsRecords() {
    Map<String, String> records = new LinkedHashMap<>();
    JsonNode value = values.get("dns_records");
    if (value != null && value.isObject()) {
      value.properties().forEach(e -> records.put(e.getKey(), e.getValue().asText()));
    }
    return records;
  }

  /** Prints the endpoints a developer needs, one per line. */
  public void print(PrintWriter out) {
    text("ws_url")
        .ifPresent(
            url ->
                line(
                    out,
                    "WebSocket",
                    url + "   (new WebsocketProvider('" + url + "', room, doc))"));
    text("dashboard_url").ifPresent(url -> line(out, "dashboard", url));
    text("api_url").ifPresent(url -> line(out, "admin API", url));
    text("grafana_url").ifPresent(url -> line(out, "Grafana", url));
    dnsRecords().forEach((name, address) -> line(out, "DNS record", name + " A " + address));
    text("get_credentials_command").ifPresent(command -> line(out, "kubectl", command));
    out.flush();
  }

  private static void line(PrintWriter out, String label, String value) {
    out.printf("  %-12s %s%n", label + ":", value);
  }
}
