package dev.symphony.roomperpod.orchestrator.kubernetes;

import static dev.symphony.roomperpod.orchestrator.kubernetes.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.roomperpod.orchestrator.BackendName;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Idle rooms leave the cluster: when a room process exits cleanly after its grace period, the
 * proxy's reaper deletes the room's Deployment and Service, and nothing else.
 */
class IdleReaperTest {

  static final String NS = KubernetesSettings.DEFAULT_NAMESPACE;

  KubernetesApi api;
  KubernetesClient cluster;
  KubernetesOrchestrator proxy;

  @BeforeEach
  void start() {
    api = new KubernetesApi();
    cluster = api.newClient();
    proxy = new KubernetesOrchestrator(api.newClient(), KubernetesOrchestratorTest.settings());
  }

  @AfterEach
  void stop() {
    proxy.close();
    api.close();
  }

  /** A room whose objects the proxy created; no pod of it is ready yet. */
  Deployment room(String roomId) {
    proxy.ensure(roomId, Duration.ofSeconds(30)); // never ready here: the test only needs objects
    String name = BackendName.of(roomId);
    eventually(() -> cluster.services().inNamespace(NS).withName(name).get() != null);
    return cluster.apps().deployments().inNamespace(NS).withName(name).get();
  }

  /** What the kubelet reports for the room's pod, as the status of a pod of {@code deployment}. */
  void podReports(Deployment deployment, String podName, ContainerStatus status) {
    podReports(deployment.getSpec().getTemplate().getMetadata().getLabels(), podName, status);
  }

  void podReports(Map<String, String> labels, String podName, ContainerStatus status) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(podName)
            .withNamespace(NS)
            .withLabels(labels)
            .endMetadata()
            .withNewStatus()
            .withPhase("Running")
            .withContainerStatuses(status)
            .endStatus()
            .build();
    cluster.pods().inNamespace(NS).resource(pod).create();
  }

  static ContainerStatusBuilder room() {
    return new ContainerStatusBuilder().withName("room").withImage("symphony").withReady(false);
  }

  static ContainerStatus exitedIdle() {
    return room()
        .withNewState()
        .withNewTerminated()
        .withExitCode(0)
        .withReason("Completed")
        .endTerminated()
        .endState()
        .build();
  }

  boolean gone(String roomId) {
    String name = BackendName.of(roomId);
    return cluster.apps().deployments().inNamespace(NS).withName(name).get() == null
        && cluster.services().inNamespace(NS).withName(name).get() == null;
  }

  boolean present(String roomId) {
    String name = BackendName.of(roomId);
    return cluster.apps().deployments().inNamespace(NS).withName(name).get() != null
        && cluster.services().inNamespace(NS).withName(name).get() != null;
  }

  @Test
  void aRoomWhoseProcessExitedIdleLosesItsDeploymentAndService() {
    Deployment deployment = room("idle room");
    Deployment other = room("busy room");
    podReports(
        other,
        "busy-pod",
        room().withReady(true).withNewState().withNewRunning().endRunning().endState().build());

    podReports(deployment, "idle-pod", exitedIdle());

    eventually(() -> gone("idle room"));
    assertThat(present("busy room")).isTrue();
    assertThat(proxy.active()).extracting(b -> b.roomId()).containsExactly("busy room");
  }

  @Test
  void theRestartedProcessWaitingToRunAgainIsReapedToo() {
    Deployment deployment = room("restarting");
    // After the idle exit the kubelet restarts the container, with back-off: the last state
    // keeps the clean exit while the container waits.
    podReports(
        deployment,
        "restarting-pod",
        room()
            .withNewLastState()
            .withNewTerminated()
            .withExitCode(0)
            .endTerminated()
            .endLastState()
            .withNewState()
            .withNewWaiting()
            .withReason("CrashLoopBackOff")
            .endWaiting()
            .endState()
            .build());
    eventually(() -> gone("restarting"));
  }

  @Test
  void crashesNewerIncarnationsAndReadyPodsAreLeftAlone() {
    Deployment crashed = room("crashed");
    podReports(
        crashed,
        "crashed-pod",
        room()
            .withNewLastState()
            .withNewTerminated()
            .withExitCode(137)
            .withReason("OOMKilled")
            .endTerminated()
            .endLastState()
            .withNewState()
            .withNewWaiting()
            .withReason("CrashLoopBackOff")
            .endWaiting()
            .endState()
            .build());

    Deployment recreated = room("recreated");
    Map<String, String> oldPodLabels =
        new HashMap<>(recreated.getSpec().getTemplate().getMetadata().getLabels());
    oldPodLabels.put(RoomObjects.LABEL_INCARNATION, "0000000000000000");
    podReports(oldPodLabels, "old-pod-of-recreated", exitedIdle());

    Deployment back = room("client came back");
    podReports(
        back,
        "back-pod",
        room()
            .withReady(true)
            .withNewLastState()
            .withNewTerminated()
            .withExitCode(0)
            .endTerminated()
            .endLastState()
            .withNewState()
            .withNewRunning()
            .endRunning()
            .endState()
            .build());

    // A room reaped after the three pods above shows that the reaper has seen them all.
    podReports(room("witness"), "witness-pod", exitedIdle());
    eventually(() -> gone("witness"));

    assertThat(present("crashed")).as("a crash is restarted by its Deployment").isTrue();
    assertThat(present("recreated")).as("an old pod never removes a newer room").isTrue();
    assertThat(present("client came back")).as("ready again: it serves clients").isTrue();
  }

  @Test
  void endedIdleReadsTheContainerStatus() {
    Pod idle =
        new PodBuilder()
            .withNewMetadata()
            .withName("p")
            .endMetadata()
            .withNewStatus()
            .withContainerStatuses(exitedIdle())
            .endStatus()
            .build();
    assertThat(IdleReaper.endedIdle(idle)).isTrue();
    Pod failed =
        new PodBuilder(idle)
            .editStatus()
            .withContainerStatuses(
                room()
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(1)
                    .endTerminated()
                    .endState()
                    .build())
            .endStatus()
            .build();
    assertThat(IdleReaper.endedIdle(failed)).isFalse();
    Pod starting = new PodBuilder(idle).withStatus(null).build();
    assertThat(IdleReaper.endedIdle(starting)).isFalse();
  }
}
