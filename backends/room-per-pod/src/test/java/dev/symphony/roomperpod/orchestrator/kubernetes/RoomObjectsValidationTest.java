package dev.symphony.roomperpod.orchestrator.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The room objects the orchestrator creates (not written in any file, so not covered by the
 * manifest checks) are valid Kubernetes objects: against the Kubernetes API's JSON schema (the
 * validators terraform/test uses for the manifests), and through {@code kubectl apply
 * --dry-run=client}, together with the manifests of k8s/, against an API server.
 *
 * <p>Needs node (with terraform/test's node_modules) and kubectl; skipped with a message where they
 * are missing, failed under CI=true.
 */
class RoomObjectsValidationTest {

  static final Path REPO =
      Path.of(System.getProperty("symphony.repo.root", "../..")).toAbsolutePath().normalize();

  @TempDir Path tmp;

  List<HasMetadata> roomObjects() {
    RoomObjects objects = new RoomObjects(KubernetesOrchestratorTest.settings());
    String room = "Team Plan/2024 — ünïcode & spaces";
    Deployment deployment = objects.deployment(room);
    Deployment created =
        new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(deployment)
            .editMetadata()
            .withUid("2f0f4f0e-6a1c-4c55-9d0b-0c9f3c1e7a11")
            .endMetadata()
            .build();
    return List.of(deployment, objects.service(room, created));
  }

  @Test
  void roomObjectsMatchTheKubernetesSchema() throws Exception {
    Path testDir = REPO.resolve("terraform/test");
    requireTool(
        Files.isDirectory(testDir.resolve("node_modules/kubernetes-models")),
        "terraform/test/node_modules (npm ci in terraform/test)");
    KubernetesSerialization json = new KubernetesSerialization();
    Path file = tmp.resolve("room-objects.json");
    List<String> docs = new ArrayList<>();
    for (HasMetadata o : roomObjects()) {
      docs.add(json.asJson(o));
    }
    Files.writeString(file, "[" + String.join(",", docs) + "]");
    String script =
        """
        import { readFileSync } from "node:fs";
        import { validateObject } from "./lib/kubernetes.mjs";
        for (const o of JSON.parse(readFileSync(process.argv[1], "utf8"))) {
          await validateObject(o);
          console.log(`valid ${o.kind}/${o.metadata.name}`);
        }
        """;
    Result result =
        run(testDir, List.of("node", "--input-type=module", "-e", script, file.toString()));
    requireTool(result != null, "node");
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("valid Deployment/room-", "valid Service/room-");
  }

  @Test
  void kubectlAcceptsTheManifestsAndTheRoomObjects() throws Exception {
    try (KubernetesApi api = new KubernetesApi()) {
      Discovery.serve(api);
      KubernetesClient client = api.newClient();
      Path kubeconfig = tmp.resolve("kubeconfig");
      Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          clusters: [{name: mock, cluster: {server: "%s"}}]
          contexts: [{name: mock, context: {cluster: mock, user: test}}]
          users: [{name: test, user: {token: test}}]
          current-context: mock
          """
              .formatted(client.getMasterUrl().toString().replaceAll("/$", "")));
      Path rooms = tmp.resolve("room-objects.yaml");
      StringBuilder yaml = new StringBuilder();
      for (HasMetadata o : roomObjects()) {
        yaml.append(new KubernetesSerialization().asYaml(o)).append("\n");
      }
      Files.writeString(rooms, yaml);
      List<String> kubectl =
          List.of(
              "kubectl",
              "--kubeconfig",
              kubeconfig.toString(),
              "--cache-dir",
              tmp.resolve("cache").toString(),
              "apply",
              "--dry-run=client",
              "--validate=false");

      List<String> manifests = new ArrayList<>(kubectl);
      manifests.addAll(List.of("-k", REPO.resolve("backends/room-per-pod/k8s").toString()));
      Result result = run(tmp, manifests);
      requireTool(result != null, "kubectl");
      assertThat(result.exit()).as(result.output()).isZero();
      assertThat(result.output())
          .contains(
              "namespace/symphony-rooms created (dry run)",
              "role.rbac.authorization.k8s.io/symphony-proxy created (dry run)",
              "priorityclass.scheduling.k8s.io/symphony-balloon created (dry run)",
              "deployment.apps/symphony-balloon created (dry run)");

      List<String> roomFiles = new ArrayList<>(kubectl);
      roomFiles.addAll(List.of("-f", rooms.toString()));
      result = run(tmp, roomFiles);
      assertThat(result.exit()).as(result.output()).isZero();
      assertThat(result.output())
          .containsPattern("deployment.apps/room-team-plan-2024-[-a-z0-9]+ created \\(dry run\\)")
          .containsPattern("service/room-team-plan-2024-[-a-z0-9]+ created \\(dry run\\)");
    }
  }

  record Result(int exit, String output) {}

  /** Runs a command; null when it is not installed. */
  static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return null; // not installed
    }
    try {
      byte[] out = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command.get(0)).isTrue();
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
    }
  }

  static void requireTool(boolean present, String what) {
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(what + " is required under CI=true");
    }
    assumeTrue(present, what + " is not installed: skipped");
  }
}
