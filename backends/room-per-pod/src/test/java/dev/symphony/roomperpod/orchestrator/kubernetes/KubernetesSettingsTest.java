package dev.symphony.roomperpod.orchestrator.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesSettingsTest {

  @Test
  void readsTheProxysEnvironmentWithDefaults() {
    KubernetesSettings s =
        KubernetesSettings.fromEnvironment(
            null, Map.of("SYMPHONY_ROOM_IMAGE", "symphony:local", "HOSTNAME", "proxy-abc"));
    assertThat(s.namespace()).isEqualTo("symphony-rooms");
    assertThat(s.image()).isEqualTo("symphony:local");
    assertThat(s.cpu()).isEqualTo(new Quantity("250m"));
    assertThat(s.memory()).isEqualTo(new Quantity("512Mi"));
    assertThat(s.serviceAccount()).isEqualTo("symphony-room");
    assertThat(s.configMap()).isEqualTo("symphony-config");
    assertThat(s.secret()).isEqualTo("symphony-env");
    assertThat(s.creator()).isEqualTo("proxy-abc");
    assertThat(s.reapIdle()).isTrue();
    assertThat(s.serviceHost("room-a-1")).isEqualTo("room-a-1.symphony-rooms.svc.cluster.local");
  }

  @Test
  void theCommandLineNamespaceWinsOverTheEnvironment() {
    Map<String, String> env =
        Map.of(
            "SYMPHONY_ROOM_IMAGE", "i",
            "SYMPHONY_ROOMS_NAMESPACE", "from-env",
            "SYMPHONY_ROOM_CPU", "1",
            "SYMPHONY_ROOM_MEMORY", "2Gi",
            "SYMPHONY_IDLE_REAPER", "false");
    assertThat(KubernetesSettings.fromEnvironment("rooms", env).namespace()).isEqualTo("rooms");
    KubernetesSettings s = KubernetesSettings.fromEnvironment(null, env);
    assertThat(s.namespace()).isEqualTo("from-env");
    assertThat(s.cpu()).isEqualTo(new Quantity("1"));
    assertThat(s.memory()).isEqualTo(new Quantity("2Gi"));
    assertThat(s.reapIdle()).isFalse();
  }

  @Test
  void badSettingsAreRefusedClearly() {
    assertThatThrownBy(() -> KubernetesSettings.fromEnvironment(null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SYMPHONY_ROOM_IMAGE is not set");
    assertThatThrownBy(
            () ->
                KubernetesSettings.fromEnvironment(
                    null, Map.of("SYMPHONY_ROOM_IMAGE", "i", "SYMPHONY_ROOM_MEMORY", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SYMPHONY_ROOM_MEMORY is not a Kubernetes quantity");
    assertThatThrownBy(
            () ->
                KubernetesSettings.fromEnvironment("Rooms_NS", Map.of("SYMPHONY_ROOM_IMAGE", "i")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespace must be a DNS label");
  }
}
