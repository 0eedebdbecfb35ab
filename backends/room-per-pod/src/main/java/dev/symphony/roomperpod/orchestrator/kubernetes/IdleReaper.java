package dev.symphony.roomperpod.orchestrator.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the Deployment and Service of a room whose process ended because it was idle.
 *
 * <p>A room process exits with status 0 after its grace period without connections (any other
 * status is a crash). Its Deployment would restart it, so the proxy watches room pods and deletes
 * the room's objects as soon as a pod reports that clean exit. The room pods themselves have no API
 * token (k8s/room-serviceaccount.yaml): only the proxy may change room objects, and the reaper
 * needs nothing beyond the proxy's Role (watch pods, get and delete Deployments and Services).
 *
 * <p>Every proxy replica runs a reaper; they may race to delete one room, which is harmless. A pod
 * only removes the Deployment of its own incarnation ({@link RoomObjects#LABEL_INCARNATION}), so a
 * late event from an old pod never removes a room that a proxy has just created again. A pod whose
 * restarted process is ready again (a client came back in the moment between exit and reaping) is
 * left alone; it will exit, and be reaped, at its next idle grace period.
 */
final class IdleReaper implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IdleReaper.class);

  /** How often the informer re-offers every room pod, in case an event or a delete was missed. */
  static final Duration RESYNC = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final String namespace;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<String> reaping = ConcurrentHashMap.newKeySet();
  private volatile SharedIndexInformer<Pod> informer;

  private IdleReaper(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * Starts watching the room pods of {@code namespace} in the background; an API that cannot be
   * reached yet is retried (with the informer's back-off), it does not stop the proxy.
   */
  static IdleReaper start(KubernetesClient client, String namespace) {
    IdleReaper reaper = new IdleReaper(client, namespace);
    SharedIndexInformer<Pod> informer =
        client
            .pods()
            .inNamespace(namespace)
            .withLabels(RoomObjects.ROOM_SELECTOR)
            .runnableInformer(RESYNC.toMillis());
    informer.addEventHandler(reaper.handler());
    informer.exceptionHandler(
        (started, failure) -> {
          log.warn(
              "idle reaper cannot watch room pods in {} (retrying): {}",
              namespace,
              failure.getMessage());
          return true;
        });
    reaper.informer = informer;
    informer.start();
    return reaper;
  }

  private ResourceEventHandler<Pod> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        consider(pod);
      }

      @Override
      public void onUpdate(Pod before, Pod pod) {
        consider(pod);
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {}
    };
  }

  private void consider(Pod pod) {
    if (!endedIdle(pod)) {
      return;
    }
    String uid = pod.getMetadata().getUid();
    String key = uid != null ? uid : pod.getMetadata().getName();
    if (reaping.add(key)) {
      executor.execute(
          () -> {
            try {
              reap(pod);
            } catch (KubernetesClientException e) {
              log.warn(
                  "could not remove idle room {} (will retry at the next resync): {}",
                  label(pod, RoomObjects.LABEL_INSTANCE),
                  e.getMessage());
            } finally {
              reaping.remove(key);
            }
          });
    }
  }

  /**
   * Whether the pod's room process exited cleanly (its idle exit) and has not become ready again.
   */
  static boolean endedIdle(Pod pod) {
    if (pod.getStatus() == null || pod.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
      if (!RoomObjects.CONTAINER.equals(container.getName())
          || Boolean.TRUE.equals(container.getReady())) {
        continue;
      }
      ContainerStateTerminated now =
          container.getState() == null ? null : container.getState().getTerminated();
      ContainerStateTerminated last =
          container.getLastState() == null ? null : container.getLastState().getTerminated();
      if (exitedCleanly(now) || (now == null && exitedCleanly(last))) {
        return true;
      }
    }
    return false;
  }

  private static boolean exitedCleanly(ContainerStateTerminated terminated) {
    return terminated != null && Integer.valueOf(0).equals(terminated.getExitCode());
  }

  private void reap(Pod pod) {
    String name = label(pod, RoomObjects.LABEL_INSTANCE);
    String incarnation = label(pod, RoomObjects.LABEL_INCARNATION);
    if (name == null || incarnation == null) {
      return;
    }
    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
    if (deployment != null
        && incarnation.equals(label(deployment, RoomObjects.LABEL_INCARNATION))) {
      client.apps().deployments().inNamespace(namespace).withName(name).delete();
      log.info("room {} ({}) ended idle: deleted its Deployment", annotation(deployment), name);
    }
    Service service = client.services().inNamespace(namespace).withName(name).get();
    String serviceIncarnation =
        service == null ? null : label(service, RoomObjects.LABEL_INCARNATION);
    if (service != null && (serviceIncarnation == null || incarnation.equals(serviceIncarnation))) {
      client.services().inNamespace(namespace).withName(name).delete();
    }
  }

  private static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  private static String annotation(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null
        ? null
        : Objects.toString(annotations.get(RoomObjects.ANNOTATION_ROOM_ID), null);
  }

  @Override
  public void close() {
    SharedIndexInformer<Pod> running = informer;
    if (running != null) {
      running.close();
    }
    executor.shutdownNow();
  }
}
