package dev.symphony.roomperpod.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendNameTest {

  private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

  @Test
  void readableRoomIdsStayReadable() {
    assertThat(BackendName.of("Team Plan/2024"))
        .startsWith("room-team-plan-2024-")
        .matches(DNS_LABEL);
  }

  @Test
  void idsThatSanitiseAlikeGetDifferentNames() {
    assertThat(BackendName.of("A b")).isNotEqualTo(BackendName.of("a-b"));
    assertThat(BackendName.of("a-b")).isEqualTo(BackendName.of("a-b"));
  }

  @Test
  void longAndExoticIdsStillGiveValidLabels() {
    for (String id : new String[] {"x".repeat(500), "日本語", "---", "--a--", "ÄÖÜ!!!9"}) {
      String name = BackendName.of(id);
      assertThat(name).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(BackendName.MAX_LABEL_LENGTH);
    }
  }
}
