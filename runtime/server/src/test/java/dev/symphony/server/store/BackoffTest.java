package dev.symphony.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesUpToTheCapAndStartsOverAfterASuccess() {
    Backoff backoff = Backoff.defaults();
    StringBuilder delays = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      delays.append(backoff.next().toSeconds()).append(' ');
    }
    assertThat(delays.toString()).isEqualTo("1 2 4 8 16 30 30 30 ");
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
  }
}
