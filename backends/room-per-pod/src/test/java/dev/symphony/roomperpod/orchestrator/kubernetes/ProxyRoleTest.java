package dev.symphony.roomperpod.orchestrator.kubernetes;

import static dev.symphony.roomperpod.orchestrator.kubernetes.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.symphony.roomperpod.orchestrator.BackendName;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The proxy's Role (k8s/proxy-role.yaml) grants exactly the API verbs the orchestrator uses: every
 * request the orchestrator and its reaper make in a full room life (create, find, wait, fail to
 * start, reap, stop, list) is recorded at the API server and mapped to its RBAC resource and verb;
 * the set must equal the Role's grants, so a new call without a grant fails here, not in a cluster,
 * and a grant nothing uses fails too.
 */
class ProxyRoleTest {

  static final String NS = KubernetesSettings.DEFAULT_NAMESPACE;
  static final String PROXY_AGENT = "symphony-proxy-under-test";

  @Test
  void theRoleGrantsExactlyWhatTheOrchestratorUses() throws Exception {
    Map<String, Set<String>> used = new TreeMap<>();
    try (KubernetesApi api = new KubernetesApi()) {
      KubernetesClient cluster = api.newClient();
      KubernetesOrchestratorTest test = new KubernetesOrchestratorTest();
      test.api = api;
      test.cluster = cluster;
      try (KubernetesOrchestrator proxy =
              new KubernetesOrchestrator(
                  api.newClient(PROXY_AGENT), KubernetesOrchestratorTest.settings());
          KubernetesOrchestrator otherProxy =
              new KubernetesOrchestrator(
                  api.newClient(PROXY_AGENT), KubernetesOrchestratorTest.settings())) {
        // A room starts, is checked on while waiting, becomes ready; another proxy joins it.
        var ready = proxy.ensure("a", Duration.ofSeconds(20));
        Deployment a = test.awaitDeployment(BackendName.of("a"));
        Thread.sleep(500); // several polls, with existence checks
        var joined = otherProxy.ensure("a", Duration.ofSeconds(20));
        Thread.sleep(200);
        test.publishReadyEndpoints(BackendName.of("a"));
        ready.get(20, TimeUnit.SECONDS);
        joined.get(20, TimeUnit.SECONDS);
        assertThat(proxy.active()).hasSize(1);

        // A room that does not start in time is explained from its pods.
        assertThat(catchThrowable(() -> proxy.ensure("b", Duration.ofMillis(600)).get()))
            .isNotNull();

        // The room goes idle and is reaped; the other is stopped.
        IdleReaperTest reaperTest = new IdleReaperTest();
        reaperTest.cluster = cluster;
        reaperTest.podReports(a, "a-pod", IdleReaperTest.exitedIdle());
        eventually(() -> reaperTest.gone("a"));
        proxy.stop("b").get(20, TimeUnit.SECONDS);
      }
      for (RecordedRequest request;
          (request = api.server().takeRequest(200, TimeUnit.MILLISECONDS)) != null; ) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.contains(PROXY_AGENT)) {
          String[] grant = rbac(request.getMethod(), request.getPath());
          used.computeIfAbsent(grant[0], k -> new TreeSet<>()).add(grant[1]);
        }
      }
    }
    assertThat(used).isEqualTo(granted());
  }

  /** The RBAC resource ("group/resource") and verb of an API request. */
  static String[] rbac(String method, String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    String[] parts = path.substring(1).split("/");
    // api/v1/namespaces/ns/resource[/name] or apis/group/version/namespaces/ns/resource[/name]
    int at = parts[0].equals("api") ? 2 : 3;
    String group = parts[0].equals("api") ? "core" : parts[1];
    assertThat(parts[at]).as("namespaced request: %s", path).isEqualTo("namespaces");
    assertThat(parts[at + 1]).as("only in the rooms namespace: %s", path).isEqualTo(NS);
    String resource = parts[at + 2];
    boolean named = parts.length > at + 3;
    String verb =
        switch (method) {
          case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
          case "POST" -> "create";
          case "DELETE" -> named ? "delete" : "deletecollection";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          default -> throw new AssertionError("unexpected method " + method);
        };
    return new String[] {group + "/" + resource, verb};
  }

  static Map<String, Set<String>> granted() throws IOException {
    Path dir = Path.of("k8s");
    if (!Files.isDirectory(dir)) {
      dir = Path.of(System.getProperty("symphony.repo.root", "."), "backends/room-per-pod/k8s");
    }
    JsonNode role =
        new ObjectMapper(new YAMLFactory()).readTree(dir.resolve("proxy-role.yaml").toFile());
    Map<String, Set<String>> granted = new TreeMap<>();
    for (JsonNode rule : role.path("rules")) {
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          String key =
              (group.asText().isEmpty() ? "core" : group.asText()) + "/" + resource.asText();
          Set<String> verbs = granted.computeIfAbsent(key, k -> new TreeSet<>());
          rule.path("verbs").forEach(v -> verbs.add(v.asText()));
        }
      }
    }
    return granted;
  }
}
