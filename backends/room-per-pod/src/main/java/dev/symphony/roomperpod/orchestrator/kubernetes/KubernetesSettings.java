package dev.symphony.roomperpod.orchestrator.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the Kubernetes orchestrator creates for a room and where: the values the proxy's manifest
 * (k8s/proxy-deployment.yaml) passes as environment variables.
 *
 * @param namespace where room Deployments and Services live
 * @param image the room pods' image (the proxy's own image, normally)
 * @param cpu CPU request of a room pod (the balloon pods have this size)
 * @param memory memory request and limit of a room pod
 * @param serviceAccount the room pods' identity
 * @param configMap ConfigMap whose keys become the room's environment (optional in the cluster)
 * @param secret Secret whose keys become the room's environment (optional in the cluster)
 * @param clusterDomain the cluster's DNS domain, for the Service's host name
 * @param port the port a room process serves on
 * @param pollInterval how often a start checks whether the room became ready
 * @param creator who creates the objects (the proxy pod's name), recorded on them for operators
 * @param reapIdle whether this orchestrator deletes rooms whose process ended idle (see {@link
 *     IdleReaper})
 */
public record KubernetesSettings(
    String namespace,
    String image,
    Quantity cpu,
    Quantity memory,
    String serviceAccount,
    String configMap,
    String secret,
    String clusterDomain,
    int port,
    Duration pollInterval,
    String creator,
    boolean reapIdle) {

  public static final String DEFAULT_NAMESPACE = "symphony-rooms";
  public static final int ROOM_PORT = 1234;

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public KubernetesSettings {
    requireLabel("namespace", namespace);
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException(
          "SYMPHONY_ROOM_IMAGE is not set: the Kubernetes orchestrator needs the room pods' image");
    }
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(memory, "memory");
    requireLabel("service account", serviceAccount);
    Objects.requireNonNull(configMap, "configMap");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(clusterDomain, "clusterDomain");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("room port out of range: " + port);
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
    }
    Objects.requireNonNull(creator, "creator");
  }

  /** Settings for {@code image} with every other value at its default; tests vary the rest. */
  public static KubernetesSettings defaults(String namespace, String image) {
    return new KubernetesSettings(
        namespace,
        image,
        new Quantity("250m"),
        new Quantity("512Mi"),
        "symphony-room",
        "symphony-config",
        "symphony-env",
        "cluster.local",
        ROOM_PORT,
        Duration.ofMillis(250),
        "symphony-proxy",
        true);
  }

  /**
   * Reads the proxy's environment: {@code SYMPHONY_ROOM_IMAGE} (required), {@code
   * SYMPHONY_ROOM_CPU}, {@code SYMPHONY_ROOM_MEMORY}, {@code SYMPHONY_ROOM_SERVICE_ACCOUNT}, {@code
   * SYMPHONY_ROOM_CONFIG_MAP}, {@code SYMPHONY_ROOM_SECRET}, {@code SYMPHONY_CLUSTER_DOMAIN},
   * {@code SYMPHONY_IDLE_REAPER} ({@code false} turns the reaper off) and {@code HOSTNAME} (the pod
   * name).
   *
   * @param namespace the rooms namespace from the command line, or null for {@code
   *     SYMPHONY_ROOMS_NAMESPACE} or {@value #DEFAULT_NAMESPACE}
   */
  public static KubernetesSettings fromEnvironment(String namespace, Map<String, String> env) {
    KubernetesSettings d = defaults(DEFAULT_NAMESPACE, "unset");
    String ns =
        namespace != null && !namespace.isBlank()
            ? namespace
            : env.getOrDefault("SYMPHONY_ROOMS_NAMESPACE", DEFAULT_NAMESPACE);
    return new KubernetesSettings(
        ns,
        env.get("SYMPHONY_ROOM_IMAGE"),
        quantity(env, "SYMPHONY_ROOM_CPU", d.cpu()),
        quantity(env, "SYMPHONY_ROOM_MEMORY", d.memory()),
        env.getOrDefault("SYMPHONY_ROOM_SERVICE_ACCOUNT", d.serviceAccount()),
        env.getOrDefault("SYMPHONY_ROOM_CONFIG_MAP", d.configMap()),
        env.getOrDefault("SYMPHONY_ROOM_SECRET", d.secret()),
        env.getOrDefault("SYMPHONY_CLUSTER_DOMAIN", d.clusterDomain()),
        ROOM_PORT,
        d.pollInterval(),
        env.getOrDefault("HOSTNAME", d.creator()),
        !"false".equalsIgnoreCase(env.getOrDefault("SYMPHONY_IDLE_REAPER", "true")));
  }

  /** The host name of a room's Service: {@code <name>.<namespace>.svc.<cluster domain>}. */
  public String serviceHost(String backendName) {
    return backendName + "." + namespace + ".svc." + clusterDomain;
  }

  private static Quantity quantity(Map<String, String> env, String key, Quantity fallback) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      Quantity quantity = new Quantity(value.trim());
      Quantity.getAmountInBytes(quantity); // rejects "lots" and "12 cores" here, not in the API
      return quantity;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException(
          key + " is not a Kubernetes quantity (like 250m or 512Mi): " + value, e);
    }
  }

  private static void requireLabel(String what, String value) {
    if (value == null || !DNS_LABEL.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Kubernetes " + what + " must be a DNS label (lowercase, digits, '-'): " + value);
    }
  }
}
