package dev.symphony.roomperpod.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.symphony.roomperpod.orchestrator.kubernetes.KubernetesSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The room-per-pod cluster objects in {@code backends/room-per-pod/k8s/}: what the Kubernetes
 * orchestrator relies on. The proxy may do exactly what it does and nothing else, the balloon pods
 * reserve room-sized capacity at a priority below every room, and names agree across files. (Schema
 * validation of the same files, and of Terraform's rendering of them, is in
 * terraform/test/kubernetes.test.mjs.)
 */
class K8sManifestsTest {

  static final String NAMESPACE = "symphony";
  static final String ROOMS_NAMESPACE = "symphony-rooms";

  static Path dir;
  static Map<String, JsonNode> objects;

  @BeforeAll
  static void load() throws IOException {
    dir = Path.of("k8s");
    if (!Files.isDirectory(dir)) {
      dir = Path.of(System.getProperty("symphony.repo.root", "."), "backends/room-per-pod/k8s");
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode kustomization = yaml.readTree(dir.resolve("kustomization.yaml").toFile());
    objects = new LinkedHashMap<>();
    for (JsonNode file : kustomization.get("resources")) {
      List<JsonNode> docs = readAll(yaml, dir.resolve(file.asText()));
      assertThat(docs).as("%s holds one object", file.asText()).hasSize(1);
      JsonNode object = docs.get(0);
      String id =
          object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
      assertThat(objects.put(id, object)).as("%s declared twice", id).isNull();
    }
  }

  private static List<JsonNode> readAll(ObjectMapper yaml, Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = (YAMLParser) yaml.getFactory().createParser(file.toFile())) {
      var iterator = yaml.readValues(parser, JsonNode.class);
      while (iterator.hasNext()) {
        JsonNode doc = iterator.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  static JsonNode object(String id) {
    assertThat(objects).containsKey(id);
    return objects.get(id);
  }

  static JsonNode podSpec(String deployment) {
    return object("Deployment/" + deployment).path("spec").path("template").path("spec");
  }

  static Map<String, String> proxyEnv() {
    Map<String, String> env = new TreeMap<>();
    for (JsonNode e : podSpec("symphony-proxy").path("containers").get(0).path("env")) {
      env.put(e.path("name").asText(), e.path("value").asText());
    }
    return env;
  }

  @Test
  void kustomizationListsEveryYamlFile() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
          .forEach(files::add);
    }
    assertThat(files).hasSameSizeAs(objects.keySet());
    for (JsonNode o : objects.values()) {
      assertThat(o.path("apiVersion").asText()).isNotEmpty();
    }
  }

  @Test
  void proxyRoleGrantsExactlyWhatTheOrchestratorDoes() {
    JsonNode role = object("Role/symphony-proxy");
    assertThat(role.path("metadata").path("namespace").asText()).isEqualTo(ROOMS_NAMESPACE);
    Map<String, Set<String>> granted = new TreeMap<>();
    for (JsonNode rule : role.path("rules")) {
      Set<String> verbs = new TreeSet<>();
      rule.path("verbs").forEach(v -> verbs.add(v.asText()));
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          String key =
              (group.asText().isEmpty() ? "core" : group.asText()) + "/" + resource.asText();
          assertThat(granted.put(key, verbs)).as("%s granted twice", key).isNull();
        }
      }
    }
    // The verbs ProxyRoleTest records the orchestrator using against a Kubernetes API server.
    assertThat(granted)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "apps/deployments", new TreeSet<>(Set.of("create", "get", "list", "delete")),
                "core/services", new TreeSet<>(Set.of("create", "get", "delete")),
                "core/endpoints", new TreeSet<>(Set.of("get")),
                "core/pods", new TreeSet<>(Set.of("list", "watch")),
                "discovery.k8s.io/endpointslices", new TreeSet<>(Set.of("list"))));
    assertThat(objects.keySet()).noneMatch(id -> id.startsWith("ClusterRole"));
  }

  @Test
  void proxyServiceAccountIsBoundToTheRoleAndUsedByTheProxy() {
    JsonNode binding = object("RoleBinding/symphony-proxy");
    assertThat(binding.path("metadata").path("namespace").asText()).isEqualTo(ROOMS_NAMESPACE);
    assertThat(binding.path("roleRef").path("kind").asText()).isEqualTo("Role");
    assertThat(binding.path("roleRef").path("name").asText()).isEqualTo("symphony-proxy");
    JsonNode subject = binding.path("subjects").get(0);
    assertThat(binding.path("subjects")).hasSize(1);
    assertThat(subject.path("kind").asText()).isEqualTo("ServiceAccount");
    assertThat(subject.path("name").asText()).isEqualTo("symphony-proxy");
    assertThat(subject.path("namespace").asText()).isEqualTo(NAMESPACE);
    assertThat(object("ServiceAccount/symphony-proxy").path("metadata").path("namespace").asText())
        .isEqualTo(NAMESPACE);
    assertThat(podSpec("symphony-proxy").path("serviceAccountName").asText())
        .isEqualTo("symphony-proxy");
  }

  @Test
  void balloonPodsHaveLowPriorityAndTheSizeOfARoomPod() {
    JsonNode priority = object("PriorityClass/symphony-balloon");
    assertThat(priority.path("value").asInt()).isNegative();
    assertThat(priority.path("preemptionPolicy").asText()).isEqualTo("Never");
    assertThat(priority.path("globalDefault").asBoolean()).isFalse();

    JsonNode balloon = object("Deployment/symphony-balloon");
    assertThat(balloon.path("metadata").path("namespace").asText()).isEqualTo(ROOMS_NAMESPACE);
    assertThat(balloon.path("spec").path("replicas").asInt()).isEqualTo(3);
    JsonNode pod = podSpec("symphony-balloon");
    assertThat(pod.path("priorityClassName").asText()).isEqualTo("symphony-balloon");
    JsonNode requests = pod.path("containers").get(0).path("resources").path("requests");
    Map<String, String> env = proxyEnv();
    assertThat(requests.path("cpu").asText()).isEqualTo(env.get("SYMPHONY_ROOM_CPU"));
    assertThat(requests.path("memory").asText()).isEqualTo(env.get("SYMPHONY_ROOM_MEMORY"));
  }

  @Test
  void proxyPointsTheOrchestratorAtTheRoomsNamespace() {
    Map<String, String> env = proxyEnv();
    assertThat(env)
        .containsEntry("SYMPHONY_TOPOLOGY", "room-per-pod")
        .containsEntry("SYMPHONY_PORT", "1234")
        .containsEntry("SYMPHONY_ROOMS_NAMESPACE", ROOMS_NAMESPACE)
        .containsEntry("SYMPHONY_ROOM_SERVICE_ACCOUNT", "symphony-room")
        .containsKey("SYMPHONY_ROOM_IMAGE");
    List<String> args = new ArrayList<>();
    podSpec("symphony-proxy")
        .path("containers")
        .get(0)
        .path("args")
        .forEach(a -> args.add(a.asText()));
    assertThat(args).containsSubsequence("--namespace", ROOMS_NAMESPACE);
    assertThat(object("ServiceAccount/symphony-room").path("metadata").path("namespace").asText())
        .isEqualTo(ROOMS_NAMESPACE);
    assertThat(object("Namespace/" + ROOMS_NAMESPACE)).isNotNull();
    assertThat(object("Namespace/" + NAMESPACE)).isNotNull();
  }

  @Test
  void theProxysEnvironmentConfiguresTheOrchestratorLikeTheClusterObjects() {
    JsonNode proxy = podSpec("symphony-proxy").path("containers").get(0);
    List<String> args = new ArrayList<>();
    proxy.path("args").forEach(a -> args.add(a.asText()));
    String namespace = args.get(args.indexOf("--namespace") + 1);
    KubernetesSettings settings = KubernetesSettings.fromEnvironment(namespace, proxyEnv());
    assertThat(settings.namespace()).isEqualTo(ROOMS_NAMESPACE);
    JsonNode roomAccount = object("ServiceAccount/" + settings.serviceAccount());
    assertThat(roomAccount.path("metadata").path("namespace").asText()).isEqualTo(ROOMS_NAMESPACE);
    JsonNode balloon =
        podSpec("symphony-balloon").path("containers").get(0).path("resources").path("requests");
    assertThat(settings.cpu().toString()).isEqualTo(balloon.path("cpu").asText());
    assertThat(settings.memory().toString()).isEqualTo(balloon.path("memory").asText());
    // The room pods read the same settings as the proxy.
    Set<String> proxySources = new TreeSet<>();
    for (JsonNode source : proxy.path("envFrom")) {
      source.properties().forEach(e -> proxySources.add(e.getValue().path("name").asText()));
    }
    assertThat(proxySources).containsExactlyInAnyOrder(settings.configMap(), settings.secret());
  }

  @Test
  void proxyProbesAndPortMatchTheServer() {
    JsonNode container = podSpec("symphony-proxy").path("containers").get(0);
    assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(1234);
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/readyz");
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/healthz");
  }

  @Test
  void selectorsMatchPodLabels() {
    for (Map.Entry<String, JsonNode> entry : objects.entrySet()) {
      JsonNode o = entry.getValue();
      if (o.path("kind").asText().equals("Deployment")) {
        JsonNode labels = o.path("spec").path("template").path("metadata").path("labels");
        for (Map.Entry<String, JsonNode> f :
            o.path("spec").path("selector").path("matchLabels").properties()) {
          assertThat(labels.path(f.getKey()).asText())
              .as("%s selector %s", entry.getKey(), f.getKey())
              .isEqualTo(f.getValue().asText());
        }
      }
    }
    JsonNode proxyLabels =
        object("Deployment/symphony-proxy").path("spec").path("template").path("metadata");
    for (Map.Entry<String, JsonNode> f :
        object("Service/symphony-proxy").path("spec").path("selector").properties()) {
      assertThat(proxyLabels.path("labels").path(f.getKey()).asText())
          .isEqualTo(f.getValue().asText());
    }
  }
}
