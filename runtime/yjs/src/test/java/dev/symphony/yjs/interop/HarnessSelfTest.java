package dev.symphony.yjs.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Checks the harness itself, without the Java engine: check.mjs must reproduce the views that
 * scenarios.mjs expects when Yjs reads Yjs's own updates, the JSON comparison must accept exactly
 * the documented renderings, and the test's own state-vector codec must match Yjs's bytes.
 */
class HarnessSelfTest {

  @Test
  void checkMjsReproducesTheExpectedViewsFromYjsUpdates() throws Exception {
    NodeHarness node = NodeHarness.get();
    Path dir = Files.createTempDirectory("yjs-self");
    Path small = dir.resolve("small.jsonl");
    Path large = dir.resolve("large.jsonl");
    node.runScript(
        Duration.ofMinutes(2),
        "scenarios.mjs",
        "--seed",
        "7",
        "--count",
        "60",
        "--out",
        small.toString());
    node.runScript(
        Duration.ofMinutes(2),
        "scenarios.mjs",
        "--seed",
        "7",
        "--count",
        "3",
        "--size",
        "large",
        "--out",
        large.toString());
    List<Scenario> scenarios = new ArrayList<>(Scenario.readAll(small));
    scenarios.addAll(Scenario.readAll(large));
    Files.delete(small);
    Files.delete(large);
    Files.delete(dir);
    assertThat(scenarios).hasSize(63);

    List<YjsCheck.Request> requests = new ArrayList<>();
    for (Scenario s : scenarios) {
      requests.add(new YjsCheck.Request(s.types(), s.updates(), false));
      requests.add(YjsCheck.Request.of(s.types(), s.expectedUpdate()));
      for (Scenario.Partial p : s.partials()) {
        // the prefix alone must reproduce the partial state vector
        requests.add(new YjsCheck.Request(s.types(), s.updates().subList(0, p.upto()), false));
      }
    }
    List<YjsCheck.Result> results;
    try (YjsCheck yjs = new YjsCheck(node)) {
      results = yjs.applyAll(requests);
    }
    int k = 0;
    for (Scenario s : scenarios) {
      for (int i = 0; i < 2; i++) {
        YjsCheck.Result r = results.get(k++);
        assertThat(r.problem()).as(s.reproduce()).isNull();
        assertThat(JsonCompare.diff(s.expectedJson(), r.json())).as(s.reproduce()).isNull();
        assertThat(JsonCompare.diff(s.expectedDeep(), r.deep())).as(s.reproduce()).isNull();
        assertThat(StateVectors.fromJson(r.stateVector()))
            .as(s.reproduce())
            .isEqualTo(s.expectedStateVector());
      }
      for (Scenario.Partial p : s.partials()) {
        YjsCheck.Result r = results.get(k++);
        assertThat(r.error()).isNull();
        assertThat(StateVectors.fromJson(r.stateVector()))
            .as(s.reproduce())
            .isEqualTo(StateVectors.decode(p.stateVector()));
        // our encoder writes the entries in Yjs's order (descending client id), byte for byte
        assertThat(StateVectors.encode(StateVectors.decode(p.stateVector())))
            .isEqualTo(p.stateVector());
      }
    }
  }

  @Test
  void checkMjsReportsErrorsAndPendingStructs() {
    try (YjsCheck yjs = new YjsCheck(NodeHarness.get())) {
      YjsCheck.Result truncated = yjs.apply(Map.of("t", "text"), new byte[] {1});
      assertThat(truncated.error()).contains("Unexpected end of array");
      // one struct of client 5 at clock 2: clocks 0..1 are missing
      byte[] gap = {1, 1, 5, 2, 4, 1, 1, 't', 2, 'c', 'd', 0};
      YjsCheck.Result pending = yjs.apply(Map.of("t", "text"), gap);
      assertThat(pending.error()).isNull();
      assertThat(pending.problem()).contains("pending");
      // the process survives bad input
      assertThat(yjs.apply(Map.of("t", "text"), new byte[] {0, 0}).problem()).isNull();
    }
  }

  @Test
  void jsonCompareAcceptsTheDocumentedRenderings() {
    JsonNode bytes = JsonCompare.parse("{\"$bytes\":\"AQL/\"}");
    assertThat(JsonCompare.diff(bytes, JsonCompare.parse("{\"0\":1,\"1\":2,\"2\":255}"))).isNull();
    assertThat(JsonCompare.diff(bytes, JsonCompare.parse("[1,2,255]"))).isNull();
    assertThat(JsonCompare.diff(bytes, JsonCompare.parse("\"AQL/\""))).isNull();
    assertThat(JsonCompare.diff(bytes, JsonCompare.parse("[1,2,254]"))).isNotNull();
    assertThat(JsonCompare.diff(bytes, JsonCompare.parse("{\"0\":1,\"1\":2}"))).isNotNull();

    JsonNode undef =
        JsonCompare.parse("{\"a\":{\"$undefined\":null},\"b\":[{\"$undefined\":null}]}");
    assertThat(JsonCompare.diff(undef, JsonCompare.parse("{\"b\":[null]}"))).isNull();
    assertThat(JsonCompare.diff(undef, JsonCompare.parse("{\"a\":null,\"b\":[null]}"))).isNull();
    assertThat(JsonCompare.diff(undef, JsonCompare.parse("{\"a\":0,\"b\":[null]}"))).isNotNull();
    assertThat(JsonCompare.diff(undef, JsonCompare.parse("{\"b\":[]}"))).isNotNull();

    JsonNode doc = JsonCompare.parse("{\"$doc\":\"g-1\"}");
    assertThat(JsonCompare.diff(doc, JsonCompare.parse("{}"))).isNull();
    assertThat(JsonCompare.diff(doc, JsonCompare.parse("\"g-1\""))).isNull();
    assertThat(JsonCompare.diff(doc, JsonCompare.parse("{\"guid\":\"g-1\"}"))).isNull();
    assertThat(JsonCompare.diff(doc, JsonCompare.parse("{\"guid\":\"g-2\"}"))).isNotNull();
    assertThat(JsonCompare.diff(doc, JsonCompare.parse("null"))).isNotNull();

    assertThat(
            JsonCompare.diff(
                JsonCompare.parse("[1, 1099511627776, 0.5, 0]"),
                JsonCompare.parse("[1.0, 1.099511627776E12, 5e-1, -0.0]")))
        .isNull();
    assertThat(
            JsonCompare.diff(
                JsonCompare.parse("{\"a\":1,\"b\":[2]}"), JsonCompare.parse("{\"b\":[2],\"a\":1}")))
        .isNull();
    assertThat(
            JsonCompare.diff(
                JsonCompare.parse("{\"a\":1}"), JsonCompare.parse("{\"a\":1,\"c\":2}")))
        .contains("$.c")
        .contains("unexpected key");
    assertThat(
            JsonCompare.diff(
                JsonCompare.parse("{\"a\":[1,\"x\"]}"), JsonCompare.parse("{\"a\":[1,\"y\"]}")))
        .startsWith("$.a[1]");
    assertThat(JsonCompare.diff(JsonCompare.parse("\"1\""), JsonCompare.parse("1"))).isNotNull();
  }

  @Test
  void stateVectorCodec() {
    Map<Long, Long> sv = new TreeMap<>();
    sv.put(0L, 1L);
    sv.put(127L, 128L);
    sv.put(4294967295L, 16384L);
    sv.put(9007199254740991L, 3L);
    byte[] enc = StateVectors.encode(sv);
    assertThat(StateVectors.decode(enc)).isEqualTo(sv);
    assertThat(StateVectors.clientOrder(enc))
        .containsExactly(9007199254740991L, 4294967295L, 127L, 0L);
    // Yjs: {5: 4} is [1, 5, 4]; 300 is [0xAC, 0x02]
    assertThat(StateVectors.decode(new byte[] {1, 5, 4})).isEqualTo(Map.of(5L, 4L));
    assertThat(StateVectors.decode(new byte[] {1, (byte) 0xAC, 2, 0})).isEqualTo(Map.of(300L, 0L));
    assertThat(StateVectors.decode(new byte[] {0})).isEmpty();
  }
}
