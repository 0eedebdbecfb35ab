package dev.symphony.crdtbench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.crdtbench.suite.SuiteInputs;
import dev.symphony.crdtbench.suite.TextEdit;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SuiteInputsTest {

  private final SuiteInputs inputs = SuiteInputs.shared();

  @Test
  void drawsTheSuiteSizes() {
    assertThat(SuiteInputs.B3_CLIENTS).isEqualTo(1540);
    assertThat(inputs.b2InitialText).hasSize(100).matches("[a-z]+");
    assertThat(inputs.b11Text).hasSize(SuiteInputs.N);
    assertThat(inputs.b14.input()).hasSize(SuiteInputs.N);
    assertThat(inputs.b14.result()).hasSize(SuiteInputs.N);
    assertThat(inputs.b18Numbers).hasSize(SuiteInputs.N);
    assertThat(Arrays.stream(inputs.b18Numbers).allMatch(n -> n >= 0)).isTrue();
    assertThat(inputs.b24Edits1).hasSize(2 * SuiteInputs.N);
  }

  @Test
  void expectedResultsFollowFromTheEdits() {
    StringBuilder text = new StringBuilder();
    for (TextEdit edit : inputs.b17.input()) {
      if (edit.isInsert()) {
        text.insert(edit.index(), edit.text());
      } else {
        text.delete(edit.index(), edit.index() + edit.length());
      }
    }
    assertThat(text.toString()).isEqualTo(inputs.b17.result());
    assertThat(inputs.b17.input()).anyMatch(edit -> !edit.isInsert());
  }

  @Test
  void matchesTheInputsLib0DrawsInNode() {
    // Printed by crdt-bench/node/suite.mjs (generateInputs, lib0 0.2.120): the JVM and Node
    // columns of the results table run on identical inputs.
    assertThat(inputs.b2InitialText).startsWith("tljbcfpjavhxqmscctvesqdpmqkvbu");
    assertThat(inputs.b11Text).startsWith("fgxacrdmqywlffufwxcpbsdnmpsqzn");
    assertThat(inputs.b17.result()).hasSize(2506);
    assertThat(inputs.b15.result()).hasSize(36185);
    assertThat(inputs.b111.result()).startsWith(1503499098, 134854322, 291089270);
    assertThat(inputs.b24Edits2.getLast()).isEqualTo(new TextEdit(4370, "wdqkonatva", 0));
  }
}
