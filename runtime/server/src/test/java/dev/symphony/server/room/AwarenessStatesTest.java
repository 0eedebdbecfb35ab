package dev.symphony.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.server.protocol.AwarenessEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwarenessStatesTest {

  private final AwarenessStates states = new AwarenessStates(2);
  private final RecordingConnection ann = new RecordingConnection("ann");
  private final RecordingConnection bob = new RecordingConnection("bob");

  @Test
  void aNewerClockReplacesTheStateAndAnOlderOneIsIgnored() throws Exception {
    states.apply(ann, List.of(AwarenessEntry.of(1, 2, "{\"v\":2}")));
    states.apply(ann, List.of(AwarenessEntry.of(1, 1, "{\"v\":1}")));
    assertThat(states.all()).containsExactly(AwarenessEntry.of(1, 2, "{\"v\":2}"));

    states.apply(ann, List.of(AwarenessEntry.of(1, 3, "{\"v\":3}")));
    assertThat(states.all()).containsExactly(AwarenessEntry.of(1, 3, "{\"v\":3}"));
  }

  @Test
  void clockZeroIsNotAcceptedForAnUnknownClientAsInYProtocols() throws Exception {
    states.apply(ann, List.of(AwarenessEntry.of(1, 0, "{}")));
    assertThat(states.isEmpty()).isTrue();
  }

  @Test
  void aRemovalWithTheSameClockRemoves() throws Exception {
    states.apply(ann, List.of(AwarenessEntry.of(1, 4, "{}")));
    states.apply(ann, List.of(AwarenessEntry.removal(1, 3)));
    assertThat(states.all()).hasSize(1);

    states.apply(ann, List.of(AwarenessEntry.removal(1, 4)));
    assertThat(states.isEmpty()).isTrue();
    assertThat(states.removeAllOf(ann)).isEmpty();
  }

  @Test
  void closingAConnectionRemovesTheStatesItSpokeForWithTheirLastClock() throws Exception {
    states.apply(ann, List.of(AwarenessEntry.of(1, 5, "{\"a\":1}"), AwarenessEntry.of(2, 7, "{}")));
    states.apply(bob, List.of(AwarenessEntry.of(3, 1, "{\"b\":1}")));

    assertThat(states.removeAllOf(ann))
        .containsExactlyInAnyOrder(AwarenessEntry.removal(1, 5), AwarenessEntry.removal(2, 7));
    assertThat(states.all()).containsExactly(AwarenessEntry.of(3, 1, "{\"b\":1}"));
  }

  @Test
  void aClientThatMovedToANewConnectionIsNotRemovedWhenTheOldOneCloses() throws Exception {
    states.apply(ann, List.of(AwarenessEntry.of(1, 1, "{\"tab\":\"old\"}")));
    states.apply(bob, List.of(AwarenessEntry.of(1, 2, "{\"tab\":\"new\"}")));

    assertThat(states.removeAllOf(ann)).isEmpty();
    assertThat(states.all()).containsExactly(AwarenessEntry.of(1, 2, "{\"tab\":\"new\"}"));
    assertThat(states.removeAllOf(bob)).containsExactly(AwarenessEntry.removal(1, 2));
  }

  @Test
  void oneConnectionMaySpeakForALimitedNumberOfClients() throws Exception {
    states.apply(ann, List.of(AwarenessEntry.of(1, 1, "{}"), AwarenessEntry.of(2, 1, "{}")));
    assertThatThrownBy(() -> states.apply(ann, List.of(AwarenessEntry.of(3, 1, "{}"))))
        .isInstanceOf(AwarenessStates.TooManyClientsException.class);
  }
}
