package dev.symphony.crdtbench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.crdtbench.suite.Lib0Prng;
import org.junit.jupiter.api.Test;

class Lib0PrngTest {

  /**
   * Expected values printed by lib0 0.2.120 in Node ({@code prng.create(42)}, then next() x5,
   * word(10,10), int32(0, 0x7fffffff), bool, 10,000 x word(2,10), word(5,5), uint32(0,
   * 0x7fffffff)): the JVM suite must draw exactly the inputs of crdt-benchmarks.
   */
  @Test
  void reproducesLib0SequenceFromSeed42() {
    Lib0Prng gen = new Lib0Prng(42);
    assertThat(gen.next()).isEqualTo(0.9307344579137862);
    assertThat(gen.next()).isEqualTo(0.7425511043984443);
    assertThat(gen.next()).isEqualTo(0.427154682809487);
    assertThat(gen.next()).isEqualTo(0.3655329281464219);
    assertThat(gen.next()).isEqualTo(0.06672615231946111);
    assertThat(gen.word(10, 10)).isEqualTo("fpjavhxqms");
    assertThat(gen.int32(0, 0x7fffffff)).isEqualTo(209864662);
    assertThat(gen.bool()).isFalse();
    for (int i = 0; i < 10_000; i++) {
      gen.word(2, 10);
    }
    assertThat(gen.word(5, 5)).isEqualTo("alzxk");
    assertThat(gen.uint32(0, 0x7fffffff)).isEqualTo(1824232366);
  }
}
