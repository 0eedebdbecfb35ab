package dev.symphony.load.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.load.simulation.SimulationSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatlingJvmsTest {

  private static SimulationSettings users(int n) {
    return SimulationSettings.from(
        Map.of(
                "load.users",
                Integer.toString(n),
                "load.results",
                "/tmp/x/results.json",
                "load.ramp",
                "3s",
                "load.settle",
                "7s")
            ::get);
  }

  @Test
  void oneJvmWhenItCanHoldEveryone() {
    List<SimulationSettings> parts = GatlingJvms.split(users(240), 1, 9000);
    assertThat(parts).singleElement().isEqualTo(users(240));
  }

  @Test
  void largeRunsSplitAtRoomBoundariesIntoWholeRooms() {
    List<SimulationSettings> parts = GatlingJvms.split(users(20_000), 1, 9000);
    assertThat(parts).hasSize(3);
    assertThat(parts).extracting(p -> p.profile().users()).containsExactly(6668, 6668, 6664);
    assertThat(parts).extracting(SimulationSettings::userOffset).containsExactly(0L, 6668L, 13336L);
    assertThat(parts).allSatisfy(p -> assertThat(p.userOffset() % 4).isZero());
    // every JVM keeps the whole run's timing, so their judged windows coincide
    assertThat(parts)
        .allSatisfy(
            p -> {
              assertThat(p.ramp()).isEqualTo(users(20_000).ramp());
              assertThat(p.settle()).isEqualTo(users(20_000).settle());
              assertThat(p.duration()).isEqualTo(users(20_000).duration());
            });
    assertThat(parts.get(1).results().toString()).isEqualTo("/tmp/x/results-jvm1.json");
    // every global user index is simulated exactly once
    assertThat(parts.stream().mapToInt(p -> p.profile().users()).sum()).isEqualTo(20_000);
  }

  @Test
  void aPartialLastRoomStaysWithItsJvm() {
    List<SimulationSettings> parts = GatlingJvms.split(users(10), 3, 9000);
    assertThat(parts).extracting(p -> p.profile().users()).containsExactly(4, 6);
    assertThat(parts.get(1).roomOf(parts.get(1).userOffset() + 5)).isEqualTo(2);
  }
}
