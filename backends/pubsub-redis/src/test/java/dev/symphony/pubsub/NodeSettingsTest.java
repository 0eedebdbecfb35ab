package dev.symphony.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeSettingsTest {

  @Test
  void aBareHostIsRefusedWithTheExpectedForm() {
    assertThatThrownBy(() -> NodeSettings.of("localhost:6379", "a", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the Redis address must look like redis://host:port")
        .hasMessageEndingWith("not localhost:6379");
  }

  @Test
  void nodeIdsAreCheckedAndDefaultToARandomOne() {
    assertThatThrownBy(() -> NodeSettings.of("redis://h:6379", "a b", ""))
        .hasMessageContaining("node id must be");
    assertThat(NodeSettings.of("redis://h:6379", null, null).nodeId()).matches("node-[0-9a-f]{8}");
    assertThat(NodeSettings.of("redis-sentinel://s:26379/?sentinelMasterId=m", "n1", "").nodeId())
        .isEqualTo("n1");
  }
}
