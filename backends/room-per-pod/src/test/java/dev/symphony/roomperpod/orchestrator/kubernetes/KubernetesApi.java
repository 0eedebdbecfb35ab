package dev.symphony.roomperpod.orchestrator.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's Kubernetes API server for tests, in CRUD mode: a real HTTP server that stores what
 * clients create, answers 409 to a second create, serves lists and watches. Expectations set with
 * {@link #server()}{@code .expect()} answer first (to inject API errors); everything else is CRUD.
 */
final class KubernetesApi implements AutoCloseable {

  /** Held so that its level stays set: the server logs every request at INFO. */
  private static final Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final List<KubernetesClient> clients = new ArrayList<>();

  KubernetesApi() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
  }

  KubernetesMockServer server() {
    return server;
  }

  /** A new client of this server, as a separate proxy would have; closed with the server. */
  KubernetesClient newClient() {
    return newClient("symphony-test");
  }

  /** A client whose requests carry {@code userAgent}, to tell them from the test's own. */
  KubernetesClient newClient(String userAgent) {
    KubernetesClient client =
        server.createClient(
            builder ->
                builder
                    .editOrNewConfig()
                    .withRequestRetryBackoffLimit(0)
                    .withUserAgent(userAgent)
                    .endConfig());
    clients.add(client);
    return client;
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.WARNING);
    return logger;
  }

  @Override
  public void close() {
    clients.forEach(KubernetesClient::close);
    server.destroy();
  }
}
