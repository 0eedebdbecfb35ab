package dev.symphony.roomperpod.orchestrator.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Whether a room's Service has a ready pod behind it, as the cluster sees it: an EndpointSlice
 * listing a ready address, or, where no slice exists for the Service (older clusters, or no slice
 * controller), an Endpoints object listing one. That is the moment the Service routes to the pod,
 * which a pod's own Ready condition does not guarantee.
 */
final class RoomReadiness {

  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private final KubernetesClient client;
  private final String namespace;

  RoomReadiness(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  boolean isReady(String backendName) {
    List<EndpointSlice> slices =
        client
            .discovery()
            .v1()
            .endpointSlices()
            .inNamespace(namespace)
            .withLabel(SERVICE_NAME_LABEL, backendName)
            .list()
            .getItems();
    if (!slices.isEmpty()) {
      // The cluster publishes slices for this Service: they decide (and the deprecated
      // Endpoints API, with its warnings, is left alone).
      for (EndpointSlice slice : slices) {
        for (Endpoint endpoint : slice.getEndpoints()) {
          boolean ready =
              endpoint.getConditions() != null
                  && Boolean.TRUE.equals(endpoint.getConditions().getReady());
          if (ready && !endpoint.getAddresses().isEmpty()) {
            return true;
          }
        }
      }
      return false;
    }
    Endpoints endpoints = client.endpoints().inNamespace(namespace).withName(backendName).get();
    if (endpoints != null) {
      for (EndpointSubset subset : endpoints.getSubsets()) {
        if (!subset.getAddresses().isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  /** A short account of why the room's pod is not ready, for the timeout's close reason. */
  String whyNotReady(String backendName) {
    List<Pod> pods =
        client
            .pods()
            .inNamespace(namespace)
            .withLabels(RoomObjects.selector(backendName))
            .list()
            .getItems();
    if (pods.isEmpty()) {
      return "no pod yet";
    }
    Pod pod = pods.get(0);
    if (pod.getStatus() == null) {
      return "pod not scheduled yet";
    }
    for (PodCondition condition : pod.getStatus().getConditions()) {
      if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
        return "pod not scheduled (" + orElse(condition.getReason(), "waiting for a node") + ")";
      }
    }
    for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
      if (container.getState() != null && container.getState().getWaiting() != null) {
        return "pod waiting: " + orElse(container.getState().getWaiting().getReason(), "starting");
      }
      if (container.getState() != null && container.getState().getTerminated() != null) {
        return "room process exited: "
            + orElse(container.getState().getTerminated().getReason(), "terminated");
      }
    }
    return "pod " + orElse(pod.getStatus().getPhase(), "starting") + ", readiness probe not passed";
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
