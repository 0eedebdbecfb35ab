package dev.symphony.roomperpod.orchestrator.kubernetes;

import dev.symphony.roomperpod.orchestrator.BackendName;
import dev.symphony.roomperpod.orchestrator.OrchestratorException;
import dev.symphony.roomperpod.orchestrator.RoomBackend;
import dev.symphony.roomperpod.orchestrator.RoomOrchestrator;
import dev.symphony.roomperpod.orchestrator.StartObserver;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each room as a Deployment of one pod plus a Service in the rooms namespace. The Kubernetes
 * API is the only state: a room exists when its Deployment does, so proxies on many replicas share
 * rooms. Two proxies that start one room at once both create it; the API accepts the first and
 * answers 409 Conflict to the second, which then uses the first's objects.
 *
 * <p>A start waits, up to the caller's timeout, until the room's Service has a ready endpoint, and
 * answers with the Service's DNS name. Calls are blocking fabric8 requests on virtual threads.
 */
public final class KubernetesOrchestrator implements RoomOrchestrator {

  private static final Logger log = LoggerFactory.getLogger(KubernetesOrchestrator.class);

  /** While waiting, how many polls between checks that the room's Deployment still exists. */
  private static final int POLLS_PER_EXISTENCE_CHECK = 4;

  /** How long after the caller's timeout a start whose API calls hang is failed regardless. */
  private static final Duration GUARD_GRACE = Duration.ofSeconds(1);

  private final KubernetesClient client;
  private final KubernetesSettings settings;
  private final boolean ownsClient;
  private final RoomObjects objects;
  private final RoomReadiness readiness;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, CompletableFuture<RoomBackend>> starting = new ConcurrentHashMap<>();
  private final IdleReaper reaper;
  private volatile StartObserver observer = StartObserver.NONE;

  /** Uses {@code client} (left open by {@link #close()}) with {@code settings}. */
  public KubernetesOrchestrator(KubernetesClient client, KubernetesSettings settings) {
    this(client, settings, false);
  }

  private KubernetesOrchestrator(
      KubernetesClient client, KubernetesSettings settings, boolean ownsClient) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ownsClient = ownsClient;
    this.objects = new RoomObjects(settings);
    this.readiness = new RoomReadiness(client, settings.namespace());
    this.reaper = settings.reapIdle() ? IdleReaper.start(client, settings.namespace()) : null;
  }

  /**
   * The orchestrator of a proxy running in a cluster (its service account) or beside one (the
   * kubeconfig of {@code KUBECONFIG} or {@code ~/.kube/config}), as fabric8 finds them.
   *
   * @param namespace the rooms namespace (from {@code --namespace}), or null for the environment's
   * @param env the process environment, see {@link KubernetesSettings#fromEnvironment}
   */
  public static KubernetesOrchestrator fromEnvironment(String namespace, Map<String, String> env) {
    KubernetesSettings settings = KubernetesSettings.fromEnvironment(namespace, env);
    KubernetesClient client;
    try {
      client = new KubernetesClientBuilder().build();
    } catch (KubernetesClientException e) {
      throw new IllegalStateException(
          "no Kubernetes configuration found (in-cluster service account or kubeconfig): "
              + e.getMessage(),
          e);
    }
    log.info(
        "Kubernetes orchestrator: API {}, rooms in namespace {}, image {}",
        client.getMasterUrl(),
        settings.namespace(),
        settings.image());
    return new KubernetesOrchestrator(client, settings, true);
  }

  /** Tells {@code value} of each backend this orchestrator started or failed to (metrics). */
  public KubernetesOrchestrator observedBy(StartObserver value) {
    this.observer = Objects.requireNonNull(value, "observer");
    return this;
  }

  @Override
  public CompletableFuture<RoomBackend> ensure(String roomId, Duration readyTimeout) {
    Objects.requireNonNull(roomId, "roomId");
    // One start per room in this proxy; other proxies are reconciled by the API (409 Conflict).
    CompletableFuture<RoomBackend> shared =
        starting.computeIfAbsent(roomId, id -> start(id, readyTimeout));
    // Forgotten once done (here, not in start(): it may finish before the map holds it).
    shared.whenComplete((backend, failure) -> starting.remove(roomId, shared));
    return shared.copy();
  }

  private CompletableFuture<RoomBackend> start(String roomId, Duration readyTimeout) {
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    CompletableFuture<RoomBackend> started = new CompletableFuture<>();
    Future<?> work =
        executor.submit(
            () -> {
              try {
                started.complete(startAndWait(roomId, deadline, readyTimeout));
              } catch (OrchestratorException e) {
                started.completeExceptionally(e);
              } catch (InterruptedException e) {
                started.completeExceptionally(new OrchestratorException("proxy shutting down", e));
              } catch (RuntimeException e) {
                started.completeExceptionally(
                    ApiErrors.explain("start room " + BackendName.of(roomId), namespace(), e));
              }
            });
    // The observer hears of a failure before anyone waiting for the room does.
    CompletableFuture<RoomBackend> reported =
        started.whenComplete(
            (backend, failure) -> {
              if (failure != null) {
                observer.failed(roomId, failure);
              }
            });
    // Bounded even when an API call hangs (fabric8 retries an unreachable server with back-off):
    // the wait loop answers at the deadline with a better reason, this guard a moment later.
    CompletableFuture.delayedExecutor(
            readyTimeout.toMillis() + GUARD_GRACE.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              if (started.completeExceptionally(
                  new OrchestratorException(
                      ApiErrors.fit(
                          "room backend "
                              + BackendName.of(roomId)
                              + " not ready after "
                              + readable(readyTimeout)
                              + ": Kubernetes API did not answer in time")))) {
                work.cancel(true);
              }
            });
    return reported;
  }

  private RoomBackend startAndWait(String roomId, long deadline, Duration readyTimeout)
      throws InterruptedException {
    String name = BackendName.of(roomId);
    RoomBackend backend =
        new RoomBackend(roomId, name, settings.serviceHost(name), settings.port());
    if (call("check readiness of " + name, () -> readiness.isReady(name))) {
      return backend;
    }
    createIfAbsent(roomId);
    long started = System.nanoTime();
    for (int poll = 1; ; poll++) {
      Thread.sleep(settings.pollInterval().toMillis());
      if (call("check readiness of " + name, () -> readiness.isReady(name))) {
        Duration coldStart = Duration.ofNanos(System.nanoTime() - started);
        log.info("room {} ready as {} after {} ms", roomId, name, coldStart.toMillis());
        observer.started(roomId, coldStart);
        return backend;
      }
      if (System.nanoTime() - deadline >= 0) {
        String why = call("read pods of " + name, () -> readiness.whyNotReady(name));
        throw new OrchestratorException(
            ApiErrors.fit(
                "room backend "
                    + name
                    + " not ready after "
                    + readable(readyTimeout)
                    + ": "
                    + why));
      }
      // The reaper of some proxy may have removed an idle room just as this start found it.
      if (poll % POLLS_PER_EXISTENCE_CHECK == 0 && !objectsExist(name)) {
        log.info("room {} ({}) was removed while starting; creating it again", roomId, name);
        createIfAbsent(roomId);
      }
    }
  }

  /** Creates the room's Deployment and Service unless they exist, whoever created them. */
  private void createIfAbsent(String roomId) {
    String name = BackendName.of(roomId);
    Deployment deployment = objects.deployment(roomId);
    Deployment created = createOrFind(deployment, "create Deployment " + name);
    String owner = annotation(created, RoomObjects.ANNOTATION_ROOM_ID);
    if (owner != null && !owner.equals(roomId)) {
      throw new OrchestratorException(
          ApiErrors.fit("room name " + name + " is taken by another room id (hash collision)"));
    }
    createOrFind(objects.service(roomId, created), "create Service " + name);
  }

  private <T extends HasMetadata> T createOrFind(T object, String action) {
    try {
      T created = client.resource(object).create();
      log.info("created {} {} in {}", object.getKind(), name(object), settings.namespace());
      return created;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw ApiErrors.explain(action, settings.namespace(), e);
      }
    }
    // Another proxy (or an earlier start) created it first: use theirs.
    T existing = call(action, () -> client.resource(object).get());
    if (existing == null) {
      // Deleted between our create and our read (an idle room being reaped): the wait loop's
      // existence check creates it again.
      return object;
    }
    return existing;
  }

  private boolean objectsExist(String name) {
    Deployment deployment =
        call(
            "read Deployment " + name,
            () -> client.apps().deployments().inNamespace(namespace()).withName(name).get());
    if (deployment == null || deployment.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    return call(
            "read Service " + name,
            () -> client.services().inNamespace(namespace()).withName(name).get())
        != null;
  }

  @Override
  public CompletableFuture<Void> stop(String roomId) {
    String name = BackendName.of(roomId);
    return CompletableFuture.runAsync(() -> delete(name), executor);
  }

  /** Deletes a room's Deployment (its pod goes with it) and Service; absent ones are fine. */
  void delete(String name) {
    call(
        "delete Deployment " + name,
        () ->
            client
                .apps()
                .deployments()
                .inNamespace(settings.namespace())
                .withName(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete());
    call(
        "delete Service " + name,
        () -> client.services().inNamespace(settings.namespace()).withName(name).delete());
    log.info("deleted room backend {} in {}", name, settings.namespace());
  }

  @Override
  public List<RoomBackend> active() {
    return call(
        "list room Deployments",
        () ->
            client
                .apps()
                .deployments()
                .inNamespace(settings.namespace())
                .withLabels(RoomObjects.ROOM_SELECTOR)
                .list()
                .getItems()
                .stream()
                .filter(d -> d.getMetadata().getDeletionTimestamp() == null)
                .filter(d -> annotation(d, RoomObjects.ANNOTATION_ROOM_ID) != null)
                .map(
                    d ->
                        new RoomBackend(
                            annotation(d, RoomObjects.ANNOTATION_ROOM_ID),
                            d.getMetadata().getName(),
                            settings.serviceHost(d.getMetadata().getName()),
                            settings.port()))
                .toList());
  }

  @Override
  public String kind() {
    return "kubernetes";
  }

  private String namespace() {
    return settings.namespace();
  }

  /** The settings this orchestrator creates rooms with. */
  public KubernetesSettings settings() {
    return settings;
  }

  /** Leaves the rooms running (other proxies serve them) and stops this proxy's work. */
  @Override
  public void close() {
    if (reaper != null) {
      reaper.close();
    }
    executor.shutdownNow();
    starting.values().forEach(f -> f.cancel(true));
    if (ownsClient) {
      client.close();
    }
  }

  private <T> T call(String action, ApiCall<T> call) {
    try {
      return call.run();
    } catch (KubernetesClientException e) {
      throw ApiErrors.explain(action, settings.namespace(), e);
    }
  }

  @FunctionalInterface
  private interface ApiCall<T> {
    T run();
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static String name(HasMetadata object) {
    return object.getMetadata().getName();
  }

  private static String readable(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
