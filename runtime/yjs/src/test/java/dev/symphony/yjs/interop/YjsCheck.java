package dev.symphony.yjs.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Client of check.mjs: the real Yjs applies updates (typically made by the Java engine) to a fresh
 * passive Y.Doc and reports what it sees. One long-lived node process per instance.
 */
final class YjsCheck implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final NodeHarness.Service service;
  private long nextId;

  YjsCheck(NodeHarness harness) {
    this.service = harness.startService("check.mjs");
  }

  /** What Yjs saw. */
  record Result(
      JsonNode json,
      JsonNode deep,
      JsonNode stateVector,
      JsonNode pending,
      String error,
      byte[] update) {

    /** Problems that make the result unusable, or null: a Yjs error, structs left pending. */
    String problem() {
      if (error != null) {
        return "Yjs failed: " + error;
      }
      if (pending != null && !pending.isNull()) {
        return "Yjs is left with pending (unresolvable) structs or deletes: " + pending;
      }
      return null;
    }
  }

  /** A request: the updates to apply in order, the root types to read. */
  record Request(Map<String, String> types, List<byte[]> updates, boolean encode) {
    static Request of(Map<String, String> types, byte[] update) {
      return new Request(types, List.of(update), false);
    }
  }

  Result apply(Map<String, String> types, List<byte[]> updates) {
    return applyAll(List.of(new Request(types, updates, false))).get(0);
  }

  Result apply(Map<String, String> types, byte[] update) {
    return apply(types, List.of(update));
  }

  /** Pipelines all requests through the node process and returns the results in order. */
  List<Result> applyAll(List<Request> requests) {
    List<String> lines = new ArrayList<>(requests.size());
    long firstId = nextId;
    for (Request r : requests) {
      ObjectNode req = JsonCompare.MAPPER.createObjectNode();
      req.put("id", nextId++);
      ObjectNode types = req.putObject("types");
      r.types().forEach(types::put);
      ArrayNode ups = req.putArray("updates");
      for (byte[] u : r.updates()) {
        ups.add(Base64.getEncoder().encodeToString(u));
      }
      if (r.encode()) {
        req.put("encode", true);
      }
      lines.add(req.toString());
    }
    List<String> answers = service.requestAll(lines, TIMEOUT);
    List<Result> out = new ArrayList<>(answers.size());
    for (int i = 0; i < answers.size(); i++) {
      JsonNode res = JsonCompare.parse(answers.get(i));
      if (res.path("id").asLong(-1) != firstId + i) {
        throw new AssertionError(
            "check.mjs answered out of order: expected id "
                + (firstId + i)
                + ", got "
                + NodeHarness.abbreviate(answers.get(i), 300));
      }
      JsonNode err = res.get("error");
      JsonNode upd = res.get("update");
      out.add(
          new Result(
              res.get("json"),
              res.get("deep"),
              res.get("stateVector"),
              res.get("pending"),
              err == null || err.isNull() ? null : err.asText(),
              upd == null || upd.isNull() ? null : Base64.getDecoder().decode(upd.asText())));
    }
    return out;
  }

  String stderrTail() {
    return service.stderrTail();
  }

  @Override
  public void close() {
    service.close();
  }
}
