package dev.symphony.yjs.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One scenario line written by scenarios.mjs (see the format there). */
record Scenario(
    long seed,
    String size,
    List<Long> clients,
    Map<String, String> types,
    List<byte[]> updates,
    List<Integer> local,
    List<Integer> order,
    List<Integer> localOrder,
    List<Partial> partials,
    JsonNode expectedJson,
    JsonNode expectedDeep,
    Map<Long, Long> expectedStateVector,
    byte[] expectedUpdate) {

  /** The state vector (encoded by Yjs) of a doc that applied {@code updates[0..upto)}. */
  record Partial(int upto, byte[] stateVector) {}

  static Scenario parse(String line) {
    JsonNode n = JsonCompare.parse(line);
    Base64.Decoder b64 = Base64.getDecoder();
    List<Long> clients = new ArrayList<>();
    n.path("clients").forEach(c -> clients.add(c.asLong()));
    Map<String, String> types = new LinkedHashMap<>();
    n.path("types").properties().forEach(e -> types.put(e.getKey(), e.getValue().asText()));
    List<byte[]> updates = new ArrayList<>();
    n.path("updates").forEach(u -> updates.add(b64.decode(u.asText())));
    List<Integer> local = new ArrayList<>();
    n.path("local").forEach(i -> local.add(i.asInt()));
    List<Integer> order = new ArrayList<>();
    n.path("order").forEach(i -> order.add(i.asInt()));
    List<Integer> localOrder = new ArrayList<>();
    n.path("localOrder").forEach(i -> localOrder.add(i.asInt()));
    List<Partial> partials = new ArrayList<>();
    n.path("partials")
        .forEach(
            p ->
                partials.add(
                    new Partial(
                        p.path("upto").asInt(), b64.decode(p.path("stateVector").asText()))));
    JsonNode exp = n.path("expected");
    return new Scenario(
        n.path("seed").asLong(),
        n.path("size").asText(),
        Collections.unmodifiableList(clients),
        Collections.unmodifiableMap(types),
        Collections.unmodifiableList(updates),
        Collections.unmodifiableList(local),
        Collections.unmodifiableList(order),
        Collections.unmodifiableList(localOrder),
        Collections.unmodifiableList(partials),
        exp.path("json"),
        exp.path("deep"),
        StateVectors.fromJson(exp.path("stateVector")),
        b64.decode(exp.path("update").asText()));
  }

  static List<Scenario> readAll(Path jsonl) {
    List<Scenario> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          out.add(parse(line));
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + jsonl, e);
    }
    return out;
  }

  /** How to regenerate exactly this scenario. */
  String reproduce() {
    return "scenario seed="
        + seed
        + " size="
        + size
        + " clients="
        + clients
        + " types="
        + types
        + " updates="
        + updates.size()
        + "\n    regenerate: (cd runtime/yjs/src/test/node && node scenarios.mjs --seed "
        + seed
        + " --count 1 --size "
        + size
        + " --out /tmp/scenario.jsonl)"
        + "\n    rerun only it: ./mvnw -pl runtime/yjs test -Dtest=YjsDifferentialTest"
        + " -Dyjs.diff.seed="
        + seed
        + (size.equals("large")
            ? " -Dyjs.diff.scenarios=0 -Dyjs.diff.large=1"
            : " -Dyjs.diff.scenarios=1 -Dyjs.diff.large=0");
  }
}
