package dev.symphony.roomperpod.orchestrator.kubernetes;

import static dev.symphony.roomperpod.orchestrator.kubernetes.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.roomperpod.orchestrator.BackendName;
import dev.symphony.roomperpod.orchestrator.OrchestratorException;
import dev.symphony.roomperpod.orchestrator.RoomBackend;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Kubernetes orchestrator against a real HTTP server speaking the Kubernetes API. */
class KubernetesOrchestratorTest {

  static final String NS = KubernetesSettings.DEFAULT_NAMESPACE;
  static final Duration WAIT = Duration.ofSeconds(20);

  KubernetesApi api;
  KubernetesClient cluster; // what the test does in the cluster's place (kubelet, controllers)
  List<KubernetesOrchestrator> orchestrators = new ArrayList<>();

  @BeforeEach
  void start() {
    api = new KubernetesApi();
    cluster = api.newClient();
  }

  @AfterEach
  void stop() {
    orchestrators.forEach(KubernetesOrchestrator::close);
    api.close();
  }

  KubernetesOrchestrator orchestrator(KubernetesSettings settings) {
    KubernetesOrchestrator orchestrator = new KubernetesOrchestrator(api.newClient(), settings);
    orchestrators.add(orchestrator);
    return orchestrator;
  }

  static KubernetesSettings settings() {
    KubernetesSettings d = KubernetesSettings.defaults(NS, "registry.example/symphony:1.2.3");
    return new KubernetesSettings(
        d.namespace(),
        d.image(),
        new Quantity("300m"),
        new Quantity("640Mi"),
        d.serviceAccount(),
        d.configMap(),
        d.secret(),
        d.clusterDomain(),
        d.port(),
        Duration.ofMillis(50),
        "proxy-pod-7",
        true);
  }

  Deployment awaitDeployment(String name) {
    return eventually(
        () -> cluster.apps().deployments().inNamespace(NS).withName(name).get(), d -> d != null);
  }

  /** What the endpoints controller does once the room pod passes its readiness probe. */
  void publishReadyEndpoints(String name) {
    cluster
        .endpoints()
        .inNamespace(NS)
        .resource(
            new EndpointsBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .addNewSubset()
                .addNewAddress()
                .withIp("10.8.0.12")
                .endAddress()
                .addNewPort()
                .withName("ws")
                .withPort(1234)
                .endPort()
                .endSubset()
                .build())
        .create();
  }

  @Test
  void createsTheRoomsDeploymentAndServiceAndAnswersOnceEndpointsAreReady() throws Exception {
    String room = "Team Plan/2024";
    String name = BackendName.of(room);
    CompletableFuture<RoomBackend> ready = orchestrator(settings()).ensure(room, WAIT);

    Deployment deployment = awaitDeployment(name);
    assertThat(ready).isNotDone();
    assertThat(deployment.getMetadata().getName())
        .isEqualTo(name)
        .startsWith("room-team-plan-2024-");
    assertThat(deployment.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "symphony")
        .containsEntry("app.kubernetes.io/component", "room")
        .containsEntry("app.kubernetes.io/part-of", "symphony")
        .containsEntry("app.kubernetes.io/managed-by", "symphony-proxy")
        .containsEntry("app.kubernetes.io/instance", name)
        .containsEntry("symphony.dev/room-hash", BackendName.hash(room))
        .containsKey("symphony.dev/incarnation");
    assertThat(deployment.getMetadata().getAnnotations())
        .containsEntry("symphony.dev/room-id", room)
        .containsEntry("symphony.dev/created-by", "proxy-pod-7");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");

    PodTemplateSpec template = deployment.getSpec().getTemplate();
    assertThat(template.getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels())
        .containsEntry(
            "symphony.dev/incarnation",
            deployment.getMetadata().getLabels().get("symphony.dev/incarnation"));
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "1234")
        .containsEntry("prometheus.io/path", "/metrics")
        .containsEntry("symphony.dev/room-id", room);
    PodSpec pod = template.getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("symphony-room");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getPriorityClassName()).as("rooms run at normal priority").isNull();
    assertThat(pod.getEnableServiceLinks()).isFalse();
    assertThat(pod.getContainers()).hasSize(1);
    Container c = pod.getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("registry.example/symphony:1.2.3");
    assertThat(c.getArgs())
        .containsExactly(
            "serve",
            "--topology",
            "room-per-pod",
            "--role",
            "room",
            "--room",
            room,
            "--port",
            "1234",
            "--host",
            "0.0.0.0");
    assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(1234);
    assertThat(c.getPorts().get(0).getName()).isEqualTo("ws");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("ws");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("ws");
    assertThat(c.getResources().getRequests())
        .containsEntry("cpu", new Quantity("300m"))
        .containsEntry("memory", new Quantity("640Mi"));
    assertThat(c.getResources().getLimits()).containsEntry("memory", new Quantity("640Mi"));
    assertThat(c.getEnvFrom()).hasSize(2);
    assertThat(c.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo("symphony-config");
    assertThat(c.getEnvFrom().get(1).getSecretRef().getName()).isEqualTo("symphony-env");
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();

    Service service =
        eventually(() -> cluster.services().inNamespace(NS).withName(name).get(), s -> s != null);
    assertThat(service.getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(template.getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(1234);
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("ws");
    assertThat(service.getMetadata().getAnnotations()).containsEntry("symphony.dev/room-id", room);
    assertThat(service.getMetadata().getLabels())
        .containsEntry("symphony.dev/room-hash", BackendName.hash(room));
    assertThat(deployment.getMetadata().getUid()).isNotBlank();
    assertThat(service.getMetadata().getOwnerReferences())
        .singleElement()
        .extracting(OwnerReference::getKind, OwnerReference::getName, OwnerReference::getUid)
        .containsExactly("Deployment", name, deployment.getMetadata().getUid());

    Thread.sleep(300);
    assertThat(ready).as("no ready endpoint yet").isNotDone();
    publishReadyEndpoints(name);
    RoomBackend backend = ready.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(backend)
        .isEqualTo(new RoomBackend(room, name, name + "." + NS + ".svc.cluster.local", 1234));
  }

  @Test
  void aReadyEndpointSliceAlsoMakesTheRoomReady() throws Exception {
    String name = BackendName.of("slice");
    CompletableFuture<RoomBackend> ready = orchestrator(settings()).ensure("slice", WAIT);
    awaitDeployment(name);
    cluster
        .discovery()
        .v1()
        .endpointSlices()
        .inNamespace(NS)
        .resource(
            new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(name + "-x7k2p")
                .withNamespace(NS)
                .addToLabels("kubernetes.io/service-name", name)
                .endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint()
                .withAddresses("10.8.0.13")
                .withNewConditions()
                .withReady(false)
                .endConditions()
                .endEndpoint()
                .build())
        .create();
    Thread.sleep(300);
    assertThat(ready).as("the only endpoint is not ready").isNotDone();
    cluster
        .discovery()
        .v1()
        .endpointSlices()
        .inNamespace(NS)
        .withName(name + "-x7k2p")
        .edit(
            s -> {
              s.getEndpoints().get(0).getConditions().setReady(true);
              return s;
            });
    assertThat(ready.get(WAIT.toSeconds(), TimeUnit.SECONDS).name()).isEqualTo(name);
  }

  @Test
  void coldStartsAndFailedStartsAreReportedToTheObserver() throws Exception {
    java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    KubernetesOrchestrator observed =
        orchestrator(settings())
            .observedBy(
                new dev.symphony.roomperpod.orchestrator.StartObserver() {
                  @Override
                  public void started(String roomId, Duration coldStart) {
                    events.add("started " + roomId);
                  }

                  @Override
                  public void failed(String roomId, Throwable cause) {
                    events.add("failed " + roomId);
                  }
                });
    CompletableFuture<RoomBackend> ready = observed.ensure("observed", WAIT);
    awaitDeployment(BackendName.of("observed"));
    publishReadyEndpoints(BackendName.of("observed"));
    ready.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    CompletableFuture<RoomBackend> stuck = observed.ensure("never", Duration.ofMillis(600));
    assertThatThrownBy(() -> stuck.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .hasCauseInstanceOf(OrchestratorException.class);

    assertThat(events).containsExactly("started observed", "failed never");
  }

  @Test
  void aRoomThatDoesNotBecomeReadyFailsAtTheTimeoutSayingWhy() {
    String name = BackendName.of("stuck");
    CompletableFuture<RoomBackend> ready =
        orchestrator(settings()).ensure("stuck", Duration.ofMillis(1500));
    Deployment deployment = awaitDeployment(name);
    // What the kubelet reports for an image it cannot pull.
    cluster
        .pods()
        .inNamespace(NS)
        .resource(
            new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata()
                .withName(name + "-5d8f-abcde")
                .withNamespace(NS)
                .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .endMetadata()
                .withNewStatus()
                .withPhase("Pending")
                .addNewContainerStatus()
                .withName("room")
                .withReady(false)
                .withNewState()
                .withNewWaiting()
                .withReason("ImagePullBackOff")
                .endWaiting()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build())
        .create();
    long begun = System.nanoTime();
    assertThatThrownBy(() -> ready.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(OrchestratorException.class)
        .hasMessage(
            "room backend " + name + " not ready after 1500 ms: pod waiting: ImagePullBackOff");
    assertThat(Duration.ofNanos(System.nanoTime() - begun)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void twoProxiesRacingToStartOneRoomEndWithOneDeployment() throws Exception {
    KubernetesOrchestrator proxyA = orchestrator(settings());
    KubernetesOrchestrator proxyB = orchestrator(settings());
    String room = "race";
    String name = BackendName.of(room);
    List<CompletableFuture<RoomBackend>> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      clients.add((i % 2 == 0 ? proxyA : proxyB).ensure(room, WAIT));
    }
    awaitDeployment(name);
    eventually(() -> cluster.services().inNamespace(NS).withName(name).get() != null);
    publishReadyEndpoints(name);
    for (CompletableFuture<RoomBackend> client : clients) {
      assertThat(client.get(WAIT.toSeconds(), TimeUnit.SECONDS).name()).isEqualTo(name);
    }
    assertThat(cluster.apps().deployments().inNamespace(NS).list().getItems()).hasSize(1);
    assertThat(cluster.services().inNamespace(NS).list().getItems()).hasSize(1);
    assertThat(proxyA.active()).extracting(RoomBackend::roomId).containsExactly(room);
    assertThat(proxyB.active()).extracting(RoomBackend::roomId).containsExactly(room);

    // A later client of a running room is answered without creating anything.
    assertThat(proxyB.ensure(room, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS).name())
        .isEqualTo(name);
    assertThat(cluster.apps().deployments().inNamespace(NS).list().getItems()).hasSize(1);
  }

  @Test
  void stopDeletesTheRoomsDeploymentAndService() throws Exception {
    KubernetesOrchestrator orchestrator = orchestrator(settings());
    String name = BackendName.of("to-stop");
    CompletableFuture<RoomBackend> ready = orchestrator.ensure("to-stop", WAIT);
    awaitDeployment(name);
    eventually(() -> cluster.services().inNamespace(NS).withName(name).get() != null);
    publishReadyEndpoints(name);
    ready.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    orchestrator.stop("to-stop").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(cluster.apps().deployments().inNamespace(NS).withName(name).get()).isNull();
    assertThat(cluster.services().inNamespace(NS).withName(name).get()).isNull();
    assertThat(orchestrator.active()).isEmpty();
    // Stopping a room that is not there is not an error.
    orchestrator.stop("to-stop").get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void aRoomRemovedWhileStartingIsCreatedAgain() throws Exception {
    String name = BackendName.of("reaped-meanwhile");
    CompletableFuture<RoomBackend> ready =
        orchestrator(settings()).ensure("reaped-meanwhile", WAIT);
    String first =
        awaitDeployment(name).getMetadata().getLabels().get(RoomObjects.LABEL_INCARNATION);
    eventually(() -> cluster.services().inNamespace(NS).withName(name).get() != null);
    cluster.apps().deployments().inNamespace(NS).withName(name).delete();
    cluster.services().inNamespace(NS).withName(name).delete();

    Deployment again =
        eventually(
            () -> cluster.apps().deployments().inNamespace(NS).withName(name).get(),
            d ->
                d != null
                    && !first.equals(
                        d.getMetadata().getLabels().get(RoomObjects.LABEL_INCARNATION)));
    assertThat(again.getMetadata().getAnnotations())
        .containsEntry("symphony.dev/room-id", "reaped-meanwhile");
    eventually(() -> cluster.services().inNamespace(NS).withName(name).get() != null);
    publishReadyEndpoints(name);
    assertThat(ready.get(WAIT.toSeconds(), TimeUnit.SECONDS).name()).isEqualTo(name);
  }

  @Test
  void fromEnvironmentReadsTheProxysSettings() {
    try (KubernetesOrchestrator fromEnv =
        KubernetesOrchestrator.fromEnvironment(
            "rooms-ns", Map.of("SYMPHONY_ROOM_IMAGE", "img:1", "SYMPHONY_IDLE_REAPER", "false"))) {
      assertThat(fromEnv.kind()).isEqualTo("kubernetes");
      assertThat(fromEnv.settings().namespace()).isEqualTo("rooms-ns");
      assertThat(fromEnv.settings().image()).isEqualTo("img:1");
    }
    assertThatThrownBy(() -> KubernetesOrchestrator.fromEnvironment(null, Map.of()))
        .hasMessageContaining("SYMPHONY_ROOM_IMAGE is not set");
  }

  @Test
  void errorMessagesFitACloseReason() {
    String reason = ApiErrors.fit("é".repeat(200));
    assertThat(reason.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
    assertThat(reason).endsWith("...").startsWith("éé");
    assertThat(ApiErrors.fit("short")).isEqualTo("short");
  }
}
