package dev.symphony.roomperpod.orchestrator.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.symphony.roomperpod.orchestrator.BackendName;
import dev.symphony.roomperpod.orchestrator.OrchestratorException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a client whose room cannot start reads in its close reason when the Kubernetes API refuses
 * or cannot be reached: the API server answers as a real one does (a Status object and its code).
 */
class KubernetesApiErrorsTest {

  static final String NS = KubernetesSettings.DEFAULT_NAMESPACE;
  static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/" + NS + "/deployments";

  KubernetesApi api;
  KubernetesOrchestrator proxy;

  @BeforeEach
  void start() {
    api = new KubernetesApi();
    proxy = new KubernetesOrchestrator(api.newClient(), KubernetesOrchestratorTest.settings());
  }

  @AfterEach
  void stop() {
    proxy.close();
    api.close();
  }

  void deploymentsAnswer(int code, String reason, String message) {
    Status status =
        new StatusBuilder()
            .withStatus("Failure")
            .withCode(code)
            .withReason(reason)
            .withMessage(message)
            .build();
    api.server().expect().post().withPath(DEPLOYMENTS).andReturn(code, status).always();
  }

  static OrchestratorException failure(KubernetesOrchestrator orchestrator, String room) {
    Throwable thrown =
        catchThrowable(
            () -> orchestrator.ensure(room, Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class);
    assertThat(thrown.getCause()).isInstanceOf(OrchestratorException.class);
    String reason = thrown.getCause().getMessage();
    assertThat(reason.getBytes(StandardCharsets.UTF_8).length)
        .as("fits a WebSocket close reason: %s", reason)
        .isLessThanOrEqualTo(123);
    return (OrchestratorException) thrown.getCause();
  }

  @Test
  void forbiddenNamesTheRole() {
    deploymentsAnswer(
        403,
        "Forbidden",
        "deployments.apps is forbidden: User \"system:serviceaccount:symphony:symphony-proxy\""
            + " cannot create resource \"deployments\" in API group \"apps\" in the namespace"
            + " \"symphony-rooms\"");
    OrchestratorException e = failure(proxy, "r");
    assertThat(e)
        .hasMessage(
            "Kubernetes forbids the proxy to create Deployment "
                + BackendName.of("r")
                + " in symphony-rooms (403: check Role symphony-proxy)");
    assertThat(e.getCause()).as("the API's own answer, for the log").isNotNull();
  }

  @Test
  void anExceededQuotaSaysSo() {
    deploymentsAnswer(
        403,
        "Forbidden",
        "deployments.apps \"room-r-1\" is forbidden: exceeded quota: rooms, requested:"
            + " count/deployments.apps=1, used: count/deployments.apps=50, limited:"
            + " count/deployments.apps=50");
    assertThat(failure(proxy, "r").getMessage())
        .startsWith("room quota of namespace symphony-rooms exceeded: cannot create Deployment");
  }

  @Test
  void invalidObjectsSaySo() {
    deploymentsAnswer(
        422,
        "Invalid",
        "Deployment.apps \"room-r\" is invalid: spec.template.spec.containers[0].image: Required");
    assertThat(failure(proxy, "r").getMessage())
        .startsWith("Kubernetes rejected the room's objects as invalid (422)");
  }

  @Test
  void aMissingNamespaceIsNamed() {
    deploymentsAnswer(404, "NotFound", "namespaces \"symphony-rooms\" not found");
    assertThat(failure(proxy, "r").getMessage())
        .contains("not found in Kubernetes (does namespace symphony-rooms exist?)");
  }

  @Test
  void anApiThatNeverAnswersFailsTheStartAtItsTimeout() throws Exception {
    // Accepts connections (the kernel's backlog) and never answers a request.
    try (ServerSocket silent = new ServerSocket(0);
        KubernetesClient client =
            new KubernetesClientBuilder()
                .editOrNewConfig()
                .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort())
                .withRequestRetryBackoffLimit(0)
                .endConfig()
                .build();
        KubernetesOrchestrator hanging = new KubernetesOrchestrator(client, noReaper())) {
      long begun = System.nanoTime();
      Throwable thrown =
          catchThrowable(
              () -> hanging.ensure("r", Duration.ofSeconds(1)).get(20, TimeUnit.SECONDS));
      assertThat(thrown).isInstanceOf(ExecutionException.class);
      assertThat(thrown.getCause())
          .isInstanceOf(OrchestratorException.class)
          .hasMessage(
              "room backend "
                  + BackendName.of("r")
                  + " not ready after 1 s: Kubernetes API did not answer in time");
      assertThat(Duration.ofNanos(System.nanoTime() - begun)).isLessThan(Duration.ofSeconds(5));
    }
  }

  static KubernetesSettings noReaper() {
    KubernetesSettings d = KubernetesOrchestratorTest.settings();
    return new KubernetesSettings(
        d.namespace(),
        d.image(),
        d.cpu(),
        d.memory(),
        d.serviceAccount(),
        d.configMap(),
        d.secret(),
        d.clusterDomain(),
        d.port(),
        d.pollInterval(),
        d.creator(),
        false);
  }

  @Test
  void anUnreachableApiSaysSoWithinTheTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (KubernetesClient client =
            new KubernetesClientBuilder()
                .editOrNewConfig()
                .withMasterUrl("http://127.0.0.1:" + closedPort)
                .withRequestRetryBackoffLimit(0)
                .endConfig()
                .build();
        KubernetesOrchestrator unreachable = new KubernetesOrchestrator(client, noReaper())) {
      long begun = System.nanoTime();
      assertThat(failure(unreachable, "r").getMessage())
          .isEqualTo(
              "Kubernetes API unreachable: cannot check readiness of " + BackendName.of("r"));
      assertThat(Duration.ofNanos(System.nanoTime() - begun)).isLessThan(Duration.ofSeconds(10));
    }
  }
}
