package dev.symphony.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadProfileTest {

  @Test
  void theDesignDocumentExperimentsHaveTheirRoomCounts() {
    assertThat(LoadProfile.SMALL.rooms()).isEqualTo(60);
    assertThat(LoadProfile.LARGE.rooms()).isEqualTo(5_000);
    assertThat(LoadProfile.SMALL.inboundMessagesPerSecond()).isEqualTo(1_440);
    assertThat(LoadProfile.SMALL.outboundMessagesPerSecond()).isEqualTo(4_320);
  }

  @Test
  void aPartialLastRoomStillCounts() {
    assertThat(new LoadProfile(10, 4, 1, 0).rooms()).isEqualTo(3);
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> new LoadProfile(0, 1, 1, 1)).hasMessageContaining("users must be");
    assertThatThrownBy(() -> new LoadProfile(4, 5, 1, 1)).hasMessageContaining("users per room");
    assertThatThrownBy(() -> new LoadProfile(4, 2, Double.NaN, 1)).hasMessageContaining("rates");
  }
}
