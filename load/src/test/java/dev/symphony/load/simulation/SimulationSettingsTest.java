package dev.symphony.load.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.load.protocol.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulationSettingsTest {

  @Test
  void defaultsAreTheDesignDocumentsSmallTest() {
    SimulationSettings s = SimulationSettings.from(k -> null);
    assertThat(s.profile().users()).isEqualTo(240);
    assertThat(s.profile().usersPerRoom()).isEqualTo(4);
    assertThat(s.profile().updatesPerSecond()).isEqualTo(1);
    assertThat(s.profile().presencePerSecond()).isEqualTo(5);
    assertThat(s.protocol()).isEqualTo(Protocol.Y_WEBSOCKET);
    assertThat(s.targets()).containsExactly("ws://127.0.0.1:1234");
    assertThat(s.settle()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aWarmUpSendsAtOnceAndOnlyForItsOwnLength() {
    SimulationSettings s = SimulationSettings.from(Map.of("load.settle", "20s")::get);
    SimulationSettings warm = s.warmUp(Duration.ofSeconds(30), Path.of("warm.json"));
    assertThat(warm.settle()).isZero();
    assertThat(warm.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(warm.roomPrefix()).isEqualTo(s.roomPrefix() + "-warmup");
  }

  @Test
  void propertiesRoundTripToAnotherJvm() {
    Map<String, String> given = new HashMap<>();
    given.put("load.users", "100");
    given.put("load.duration", "30m");
    given.put("load.settle", "25s");
    given.put("load.protocol", "hocuspocus");
    given.put("load.targets", "ws://127.0.0.1:1, ws://127.0.0.1:2");
    SimulationSettings s = SimulationSettings.from(given::get);
    SimulationSettings copy = SimulationSettings.from(s.toProperties()::get);
    assertThat(copy).isEqualTo(s);
    assertThat(copy.duration()).isEqualTo(Duration.ofMinutes(30));
    assertThat(copy.settle()).isEqualTo(Duration.ofSeconds(25));
  }

  @Test
  void roomsFillInOrderAndSpreadOverTargets() {
    Map<String, String> given =
        Map.of("load.targets", "ws://a:1,ws://b:2/", "load.roomPrefix", "run7");
    SimulationSettings byRoom = SimulationSettings.from(given::get);
    assertThat(byRoom.urlFor(0)).isEqualTo("ws://a:1/run7-0");
    assertThat(byRoom.urlFor(3)).isEqualTo("ws://a:1/run7-0");
    assertThat(byRoom.urlFor(4)).isEqualTo("ws://b:2/run7-1");

    Map<String, String> spread = new HashMap<>(given);
    spread.put("load.spread", "user");
    SimulationSettings byUser = SimulationSettings.from(spread::get);
    assertThat(byUser.urlFor(0)).isEqualTo("ws://a:1/run7-0");
    assertThat(byUser.urlFor(1)).isEqualTo("ws://b:2/run7-0");
  }

  @Test
  void clientIdsAre32BitAndDistinct() {
    SimulationSettings s = SimulationSettings.from(k -> null);
    Set<Long> ids = new HashSet<>();
    for (long u = 0; u < 20_000; u++) {
      long id = s.clientIdOf(u);
      assertThat(id).isBetween(1L, 0xFFFFFFFFL);
      ids.add(id);
    }
    assertThat(ids).hasSize(20_000);
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> SimulationSettings.from(Map.of("load.targets", "http://x")::get))
        .hasMessageContaining("ws://");
    assertThatThrownBy(() -> SimulationSettings.from(Map.of("load.userOffset", "3")::get))
        .hasMessageContaining("multiple");
  }
}
