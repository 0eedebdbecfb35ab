package dev.symphony.yjs.interop;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays real editing traces (the public josephg/editing-traces collection, in the shared data
 * folder) into one {@link YText}, one trace transaction per {@code doc.transact}, checks the final
 * text, lets Yjs decode our {@code encodeStateAsUpdate()} and prints our encoded size beside the
 * size Yjs itself encodes for the same replay (trace-size.mjs).
 *
 * <p>Data folder: system property {@code symphony.data.dir}, env {@code SYMPHONY_DATA_DIR}, else
 * {@code ../shared/data} beside the repository. System property {@code yjs.trace.timeout.s} bounds
 * each replay (default 300 s).
 */
class TraceReplayTest {
  /** Same clientID as trace-size.mjs: a 5-byte var-uint like most of Yjs's random ones. */
  static final long CLIENT_ID = 2654435769L;

  static final String ROOT = "text";

  private static YjsCheck yjs;

  @AfterAll
  static void close() {
    if (yjs != null) {
      yjs.close();
    }
  }

  /** A sequential trace in compact form: patch k of txn t is at index txnStart[t] + k. */
  record Trace(
      String startContent, String endContent, int[] txnStart, int[] pos, int[] del, String[] ins) {
    int transactions() {
      return txnStart.length - 1;
    }

    int patches() {
      return pos.length;
    }
  }

  static Trace read(Path file) throws IOException {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();
    String start = "";
    String end = null;
    List<Integer> txnStart = new ArrayList<>();
    List<int[]> nums = new ArrayList<>();
    List<String> strs = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
        JsonParser p = factory.createParser(in)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, file);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "startContent" -> start = p.getText();
          case "endContent" -> end = p.getText();
          case "kind" -> {
            if ("concurrent".equals(p.getText())) {
              throw new IllegalArgumentException(file + " is a concurrent trace");
            }
          }
          case "txns" -> {
            expect(p.currentToken(), JsonToken.START_ARRAY, file);
            while (p.nextToken() == JsonToken.START_OBJECT) {
              txnStart.add(nums.size());
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                if (!f.equals("patches")) {
                  p.skipChildren();
                  continue;
                }
                while (p.nextToken() == JsonToken.START_ARRAY) {
                  p.nextToken();
                  int pos = p.getIntValue();
                  p.nextToken();
                  int del = p.getIntValue();
                  p.nextToken();
                  String ins = p.getText();
                  expect(p.nextToken(), JsonToken.END_ARRAY, file);
                  nums.add(new int[] {pos, del});
                  strs.add(ins);
                }
              }
            }
          }
          default -> p.skipChildren();
        }
      }
    }
    if (end == null) {
      throw new IllegalArgumentException(file + " has no endContent");
    }
    int[] ts = new int[txnStart.size() + 1];
    for (int i = 0; i < txnStart.size(); i++) {
      ts[i] = txnStart.get(i);
    }
    ts[txnStart.size()] = nums.size();
    int[] pos = new int[nums.size()];
    int[] del = new int[nums.size()];
    for (int i = 0; i < nums.size(); i++) {
      pos[i] = nums.get(i)[0];
      del[i] = nums.get(i)[1];
    }
    return new Trace(start, end, ts, pos, del, strs.toArray(String[]::new));
  }

  private static void expect(JsonToken got, JsonToken want, Path file) {
    if (got != want) {
      throw new IllegalArgumentException(file + ": expected " + want + " but found " + got);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"automerge-paper.json.gz", "seph-blog1.json.gz"})
  void replaysTraceLikeYjs(String name) throws Exception {
    Path dir = TestPaths.dataDir();
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      NodeHarness.unavailable(
          "editing trace "
              + file
              + " not found. The traces come from the public josephg/editing-traces repository"
              + " (https://github.com/josephg/editing-traces, sequential_traces/); put them in "
              + dir
              + " or point -Dsymphony.data.dir / SYMPHONY_DATA_DIR at a folder that has them.");
    }
    Trace trace = read(file);
    NodeHarness node = NodeHarness.get();

    Duration limit = Duration.ofSeconds(Long.getLong("yjs.trace.timeout.s", 300));
    long[] javaMs = new long[1];
    YDoc doc =
        assertTimeoutPreemptively(
            limit,
            () -> {
              long t0 = System.nanoTime();
              YDoc d = replay(trace);
              javaMs[0] = (System.nanoTime() - t0) / 1_000_000;
              return d;
            },
            () -> "replaying " + name + " took longer than " + limit.toSeconds() + " s");
    String text = doc.getText(ROOT).toString();
    String mismatch = firstDifference(trace.endContent(), text);
    if (mismatch != null) {
      throw new AssertionError(name + ": the replayed text is not endContent: " + mismatch);
    }

    long t1 = System.nanoTime();
    byte[] update = doc.encodeStateAsUpdate();
    long encodeMs = (System.nanoTime() - t1) / 1_000_000;
    Map<Long, Long> ourSv = StateVectors.decode(doc.encodeStateVector());

    // Yjs decodes our encoding
    if (yjs == null) {
      yjs = new YjsCheck(node);
    }
    YjsCheck.Result r = yjs.apply(Map.of(ROOT, "text"), update);
    if (r.problem() != null) {
      throw new AssertionError(
          name + ": Yjs cannot read our encodeStateAsUpdate(): " + r.problem());
    }
    String yjsText = r.json().path(ROOT).asText();
    mismatch = firstDifference(trace.endContent(), yjsText);
    if (mismatch != null) {
      throw new AssertionError(
          name + ": Yjs reads another text from our encodeStateAsUpdate(): " + mismatch);
    }

    // Yjs's own replay of the same trace
    JsonNode theirs =
        JsonCompare.parse(
            node.runScript(
                    Duration.ofMinutes(3),
                    "trace-size.mjs",
                    file.toString(),
                    "--root",
                    ROOT,
                    "--client-id",
                    Long.toString(CLIENT_ID),
                    "--print-update")
                .stdout()
                .trim());
    Map<Long, Long> theirSv = StateVectors.fromJson(theirs.path("stateVector"));
    long theirBytes = theirs.path("updateBytes").asLong();
    boolean identical =
        java.util.Arrays.equals(
            update, java.util.Base64.getDecoder().decode(theirs.path("update").asText("")));
    System.out.printf(
        "[trace] %s: %,d transactions, %,d patches, %,d chars%n"
            + "[trace]   ours: replay %,d ms, encodeStateAsUpdate %,d bytes (%,d ms)%n"
            + "[trace]   yjs (node %s): replay %,d ms, encodeStateAsUpdate %,d bytes -> ours/yjs = %.3f%s%n",
        name,
        trace.transactions(),
        trace.patches(),
        trace.endContent().length(),
        javaMs[0],
        update.length,
        encodeMs,
        node.nodeVersion(),
        theirs.path("ms").asLong(),
        theirBytes,
        theirBytes == 0 ? Double.NaN : (double) update.length / theirBytes,
        identical ? " (byte-identical)" : " (bytes differ)");
    if (!theirs.path("matchesEndContent").asBoolean()) {
      throw new AssertionError(name + ": Yjs's own replay does not give endContent: " + theirs);
    }
    if (!ourSv.equals(theirSv)) {
      throw new AssertionError(
          name + ": state vector " + ourSv + " differs from Yjs's own replay " + theirSv);
    }
  }

  static YDoc replay(Trace trace) {
    YDoc doc = new YDoc(CLIENT_ID);
    YText text = doc.getText(ROOT);
    if (!trace.startContent().isEmpty()) {
      doc.transact(() -> text.insert(0, trace.startContent()));
    }
    int[] ts = trace.txnStart();
    for (int t = 0; t < trace.transactions(); t++) {
      int from = ts[t];
      int to = ts[t + 1];
      doc.transact(
          () -> {
            for (int k = from; k < to; k++) {
              if (trace.del()[k] > 0) {
                text.delete(trace.pos()[k], trace.del()[k]);
              }
              if (!trace.ins()[k].isEmpty()) {
                text.insert(trace.pos()[k], trace.ins()[k]);
              }
            }
          });
    }
    return doc;
  }

  /** null when equal, else where the strings first differ, with a little context. */
  static String firstDifference(String expected, String actual) {
    if (expected.equals(actual)) {
      return null;
    }
    int i = 0;
    int n = Math.min(expected.length(), actual.length());
    while (i < n && expected.charAt(i) == actual.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 40);
    return "lengths "
        + expected.length()
        + " (expected) vs "
        + actual.length()
        + " (actual); first difference at index "
        + i
        + ": expected "
        + JsonCompare.text(expected.substring(from, Math.min(expected.length(), i + 40)))
        + " but was "
        + JsonCompare.text(actual.substring(from, Math.min(actual.length(), i + 40)));
  }
}
