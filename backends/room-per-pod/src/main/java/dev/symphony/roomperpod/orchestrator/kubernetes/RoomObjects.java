package dev.symphony.roomperpod.orchestrator.kubernetes;

import dev.symphony.roomperpod.orchestrator.BackendName;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of one room: a Deployment of one pod running {@code symphony serve --role
 * room} and a Service in front of it, both named {@link BackendName#of(String)}. Room ids may hold
 * any character, so they travel as an annotation; labels carry the name and the id's hash.
 */
final class RoomObjects {

  static final String LABEL_NAME = "app.kubernetes.io/name";
  static final String LABEL_COMPONENT = "app.kubernetes.io/component";
  static final String LABEL_PART_OF = "app.kubernetes.io/part-of";
  static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
  static final String LABEL_ROOM_HASH = "symphony.dev/room-hash";

  /**
   * Set anew each time a room's Deployment is created and copied onto its pods: the reaper deletes
   * a Deployment only for a pod of the same incarnation, never a newer Deployment of the same name
   * that a proxy created after the old pod went idle.
   */
  static final String LABEL_INCARNATION = "symphony.dev/incarnation";

  static final String ANNOTATION_ROOM_ID = "symphony.dev/room-id";
  static final String ANNOTATION_CREATED_BY = "symphony.dev/created-by";

  static final String CONTAINER = "room";
  static final String PORT_NAME = "ws";

  /** Selects every room object this orchestrator manages, and nothing else in the namespace. */
  static final Map<String, String> ROOM_SELECTOR =
      Map.of(
          LABEL_NAME, "symphony",
          LABEL_COMPONENT, "room",
          LABEL_MANAGED_BY, "symphony-proxy");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final KubernetesSettings settings;

  RoomObjects(KubernetesSettings settings) {
    this.settings = settings;
  }

  /** The labels that pick one room's pods (the Deployment's selector, the Service's selector). */
  static Map<String, String> selector(String backendName) {
    Map<String, String> labels = new LinkedHashMap<>(ROOM_SELECTOR);
    labels.put(LABEL_INSTANCE, backendName);
    return labels;
  }

  Deployment deployment(String roomId) {
    String name = BackendName.of(roomId);
    Map<String, String> labels = labels(roomId);
    labels.put(LABEL_INCARNATION, HexFormat.of().toHexDigits(RANDOM.nextLong()));
    Map<String, String> podAnnotations = new LinkedHashMap<>(annotations(roomId));
    podAnnotations.put("prometheus.io/scrape", "true");
    podAnnotations.put("prometheus.io/port", Integer.toString(settings.port()));
    podAnnotations.put("prometheus.io/path", "/metrics");
    return new DeploymentBuilder()
        .withMetadata(meta(name, labels, annotations(roomId)))
        .withNewSpec()
        .withReplicas(1)
        // Old ReplicaSets of a room are never rolled back to: keep none.
        .withRevisionHistoryLimit(0)
        // Never two processes for one room, not even during a change: stop the old one first.
        .withNewStrategy()
        .withType("Recreate")
        .endStrategy()
        .withNewSelector()
        .withMatchLabels(selector(name))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(podAnnotations)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(settings.serviceAccount())
        .withAutomountServiceAccountToken(false)
        // Hundreds of room Services in the namespace would otherwise become environment variables.
        .withEnableServiceLinks(false)
        // Time to checkpoint the document on SIGTERM.
        .withTerminationGracePeriodSeconds(60L)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(10001L)
        .withRunAsGroup(10001L)
        .withFsGroup(10001L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withContainers(container(roomId))
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * The room's Service, owned by its Deployment so that the cluster's garbage collector removes it
   * with the Deployment even if an explicit delete is missed. {@code blockOwnerDeletion} stays
   * unset: setting it would need an extra permission (update on deployments/finalizers).
   */
  Service service(String roomId, Deployment owner) {
    String name = BackendName.of(roomId);
    ObjectMeta meta = meta(name, labels(roomId), annotations(roomId));
    String uid = owner.getMetadata().getUid();
    if (uid != null) {
      meta.setOwnerReferences(
          List.of(
              new OwnerReferenceBuilder()
                  .withApiVersion("apps/v1")
                  .withKind("Deployment")
                  .withName(owner.getMetadata().getName())
                  .withUid(uid)
                  .build()));
    }
    String incarnation = owner.getMetadata().getLabels().get(LABEL_INCARNATION);
    if (incarnation != null) {
      meta.getLabels().put(LABEL_INCARNATION, incarnation);
    }
    return new ServiceBuilder()
        .withMetadata(meta)
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(selector(name))
        .addNewPort()
        .withName(PORT_NAME)
        .withPort(settings.port())
        .withTargetPort(new IntOrString(PORT_NAME))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  private io.fabric8.kubernetes.api.model.Container container(String roomId) {
    Map<String, Quantity> requests = Map.of("cpu", settings.cpu(), "memory", settings.memory());
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(settings.image())
        .withImagePullPolicy("IfNotPresent")
        .withArgs(
            "serve",
            "--topology",
            "room-per-pod",
            "--role",
            "room",
            "--room",
            roomId,
            "--port",
            Integer.toString(settings.port()),
            "--host",
            "0.0.0.0")
        .withEnvFrom(
            new EnvFromSourceBuilder()
                .withNewConfigMapRef()
                .withName(settings.configMap())
                .withOptional(true)
                .endConfigMapRef()
                .build(),
            new EnvFromSourceBuilder()
                .withNewSecretRef()
                .withName(settings.secret())
                .withOptional(true)
                .endSecretRef()
                .build())
        .addNewPort()
        .withName(PORT_NAME)
        .withContainerPort(settings.port())
        .withProtocol("TCP")
        .endPort()
        // Probed every second: a new room's first client waits for this probe to pass.
        .withReadinessProbe(httpProbe("/readyz", 0, 1, 3))
        .withLivenessProbe(httpProbe("/healthz", 20, 10, 6))
        .withNewResources()
        .withRequests(requests)
        .withLimits(Map.of("memory", settings.memory()))
        .endResources()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .build();
  }

  private static Probe httpProbe(String path, int initialDelay, int period, int failures) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(PORT_NAME))
        .endHttpGet()
        .withInitialDelaySeconds(initialDelay)
        .withPeriodSeconds(period)
        .withFailureThreshold(failures)
        .build();
  }

  private static Map<String, String> labels(String roomId) {
    String name = BackendName.of(roomId);
    Map<String, String> labels = new LinkedHashMap<>(selector(name));
    labels.put(LABEL_PART_OF, "symphony");
    labels.put(LABEL_ROOM_HASH, BackendName.hash(roomId));
    return labels;
  }

  private Map<String, String> annotations(String roomId) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(ANNOTATION_ROOM_ID, roomId);
    annotations.put(ANNOTATION_CREATED_BY, settings.creator());
    return annotations;
  }

  private ObjectMeta meta(String name, Map<String, String> labels, Map<String, String> notes) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(settings.namespace())
        .withLabels(new LinkedHashMap<>(labels))
        .withAnnotations(new LinkedHashMap<>(notes))
        .build();
  }
}
