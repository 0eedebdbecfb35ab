package dev.symphony.crdtbench.suite;

import dev.symphony.crdtbench.engine.CrdtDoc;

/**
 * Checks two replicas after a scenario: converged, and (where known) holding the expected result.
 */
@FunctionalInterface
interface ReplicaCheck {

  void verify(CrdtDoc first, CrdtDoc second);

  static ReplicaCheck textEquals(String expected) {
    return (first, second) -> {
      String text = first.getText();
      Checks.equal("replicas' texts differ", text, second.getText());
      Checks.equal("text", expected, text);
    };
  }

  static ReplicaCheck textsConverge(int expectedLength) {
    return (first, second) -> {
      String text = first.getText();
      Checks.equal("replicas' texts differ", text, second.getText());
      if (expectedLength >= 0) {
        Checks.equal("text length", expectedLength, text.length());
      }
    };
  }

  static ReplicaCheck arrayEquals(Object expected) {
    return (first, second) -> {
      Object array = first.getArray();
      Checks.equal("replicas' arrays differ", array, second.getArray());
      Checks.equal("array", expected, array);
    };
  }

  static ReplicaCheck mapsConverge() {
    return (first, second) ->
        Checks.equal("replicas' maps differ", first.getMap(), second.getMap());
  }

  static ReplicaCheck arraysConverge() {
    return (first, second) ->
        Checks.equal("replicas' arrays differ", first.getArray(), second.getArray());
  }
}
