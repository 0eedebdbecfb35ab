package dev.symphony.yjs.interop;

import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.Yjs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Differential test of the Java engine against the real Yjs: scenarios.mjs records what several
 * concurrently editing Yjs clients emitted, with the state a fresh Yjs doc reaches from all of it;
 * the Java engine must reach the same state, and Yjs must read what the Java engine encodes.
 *
 * <p>System properties: {@code yjs.diff.seed} (default 1; "random" for a new one each run), {@code
 * yjs.diff.scenarios} (small scenarios, default 2000), {@code yjs.diff.large} (large scenarios,
 * default 100). Every failure names its scenario and how to rerun exactly that one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class YjsDifferentialTest {
  private static final long DEFAULT_SEED = 1;
  private static final int DEFAULT_SMALL = 2000;
  private static final int DEFAULT_LARGE = 100;

  /** Scenarios sent to check.mjs in one pipelined batch. */
  private static final int BATCH = 100;

  private static List<Scenario> scenarios;
  private static YjsCheck yjs;
  private static Guard guard;
  private static long baseSeed;

  @BeforeAll
  static void generate() throws Exception {
    NodeHarness node = NodeHarness.get();
    String seedProp = System.getProperty("yjs.diff.seed", "").trim();
    baseSeed =
        seedProp.isEmpty()
            ? DEFAULT_SEED
            : seedProp.equals("random")
                ? (System.nanoTime() & 0xFFFFFFFL) * 1000
                : Long.parseLong(seedProp);
    int small = Integer.getInteger("yjs.diff.scenarios", DEFAULT_SMALL);
    int large = Integer.getInteger("yjs.diff.large", DEFAULT_LARGE);

    Path dir = Files.createTempDirectory("yjs-diff");
    long t0 = System.nanoTime();
    CompletableFuture<List<Scenario>> smallF =
        CompletableFuture.supplyAsync(() -> generate(node, dir, "small", small));
    CompletableFuture<List<Scenario>> largeF =
        CompletableFuture.supplyAsync(() -> generate(node, dir, "large", large));
    List<Scenario> all = new ArrayList<>();
    try {
      all.addAll(smallF.join());
      all.addAll(largeF.join());
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    } finally {
      deleteQuietly(dir);
    }
    scenarios = List.copyOf(all);
    System.out.printf(
        "[interop] %d small + %d large Yjs scenarios from seed %d generated in %d ms (node %s)%n",
        small, large, baseSeed, (System.nanoTime() - t0) / 1_000_000, node.nodeVersion());
    yjs = new YjsCheck(node);
    guard = new Guard(Duration.ofSeconds(20));
  }

  private static List<Scenario> generate(NodeHarness node, Path dir, String size, int count) {
    if (count <= 0) {
      return List.of();
    }
    Path out = dir.resolve(size + ".jsonl");
    Duration timeout =
        Duration.ofSeconds(60 + count * (size.equals("large") ? 1L : 0L) + count / 20);
    node.runScript(
        timeout,
        "scenarios.mjs",
        "--seed",
        Long.toString(baseSeed),
        "--count",
        Integer.toString(count),
        "--size",
        size,
        "--out",
        out.toString());
    return Scenario.readAll(out);
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // temp files
    }
  }

  @AfterAll
  static void close() {
    if (yjs != null) {
      yjs.close();
    }
    if (guard != null) {
      guard.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the Java side

  /** A client id for the observing Java doc that no scenario client uses. */
  private static long observerId(Scenario s) {
    long id = 0x7FFF_FFF0L;
    while (s.clients().contains(id)) {
      id--;
    }
    return id;
  }

  private static void defineRoots(YDoc doc, Map<String, String> types) {
    types.forEach(
        (name, kind) -> {
          switch (kind) {
            case "text" -> doc.getText(name);
            case "map" -> doc.getMap(name);
            case "array" -> doc.getArray(name);
            case "xml" -> doc.getXmlFragment(name);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
          }
        });
  }

  /** Applies the updates in the given order; roots are declared before or after, by the seed. */
  private static YDoc applyInOrder(Scenario s, List<byte[]> updates, List<Integer> order)
      throws Exception {
    YDoc doc = new YDoc(observerId(s));
    boolean rootsFirst = (s.seed() & 1) == 0;
    if (rootsFirst) {
      defineRoots(doc, s.types());
    }
    for (int i : order) {
      try {
        doc.applyUpdate(updates.get(i));
      } catch (Exception e) {
        throw new AssertionError(
            "applyUpdate(updates["
                + i
                + "]) threw "
                + e
                + "; update (base64): "
                + b64(updates.get(i)),
            e);
      }
    }
    if (!rootsFirst) {
      defineRoots(doc, s.types());
    }
    return doc;
  }

  static Map<String, com.fasterxml.jackson.databind.JsonNode> javaJson(
      YDoc doc, Map<String, String> types) {
    Map<String, com.fasterxml.jackson.databind.JsonNode> out = new LinkedHashMap<>();
    types.forEach(
        (name, kind) -> {
          var v =
              switch (kind) {
                case "text" -> JsonCompare.text(doc.getText(name).toString());
                case "map" -> JsonCompare.parse(doc.getMap(name).toJson());
                case "array" -> JsonCompare.parse(doc.getArray(name).toJson());
                case "xml" -> JsonCompare.text(doc.getXmlFragment(name).toString());
                default -> throw new IllegalArgumentException("unknown kind " + kind);
              };
          out.put(name, v);
        });
    return out;
  }

  /** Compares the Java doc's content and state vector with what Yjs expects; null when equal. */
  private static String compareDoc(Scenario s, YDoc doc) {
    String d = JsonCompare.diffRoots(s.expectedJson(), javaJson(doc, s.types()));
    if (d != null) {
      return "content differs from Yjs: " + d;
    }
    return compareStateVector(s.expectedStateVector(), doc.encodeStateVector());
  }

  private static String compareStateVector(Map<Long, Long> expected, byte[] encoded) {
    Map<Long, Long> actual;
    try {
      actual = StateVectors.decode(encoded);
    } catch (IllegalArgumentException e) {
      return "encodeStateVector() is malformed (" + e.getMessage() + "): " + hex(encoded);
    }
    return expected.equals(actual)
        ? null
        : "state vector differs from Yjs: expected " + expected + " but was " + actual;
  }

  /** Compares what Yjs read from a Java-made update with the expected state; null when equal. */
  private static String compareYjs(Scenario s, YjsCheck.Result r) {
    String p = r.problem();
    if (p != null) {
      return p;
    }
    String d = JsonCompare.diff(s.expectedJson(), r.json());
    if (d != null) {
      return "Yjs reads other content: " + d;
    }
    d = JsonCompare.diff(s.expectedDeep(), r.deep());
    if (d != null) {
      return "Yjs reads other formatting/structure (deep view): " + d;
    }
    Map<Long, Long> sv = StateVectors.fromJson(r.stateVector());
    return s.expectedStateVector().equals(sv)
        ? null
        : "Yjs reads another state vector: expected " + s.expectedStateVector() + " but was " + sv;
  }

  static String b64(byte[] b) {
    return NodeHarness.abbreviate(java.util.Base64.getEncoder().encodeToString(b), 2000);
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(b.length, 64); i++) {
      sb.append(String.format("%02x", b[i] & 0xFF));
    }
    return sb + (b.length > 64 ? "...(" + b.length + " bytes)" : "");
  }

  private static String orderInfo(List<Integer> order) {
    String s = order.toString();
    return "update order: " + NodeHarness.abbreviate(s, 300);
  }

  // ---------------------------------------------------------------------------------------------
  // the checks

  @Test
  @Order(1)
  void appliesYjsFullStateUpdate() {
    Failures failures = new Failures("Java applies Y.encodeStateAsUpdate(yjsDoc) (one update)");
    for (Scenario s : scenarios) {
      failures.ran();
      try {
        String problem =
            guard.call(
                () -> {
                  YDoc doc = applyInOrder(s, List.of(s.expectedUpdate()), List.of(0, 0));
                  return compareDoc(s, doc);
                });
        if (problem != null) {
          failures.add(s.reproduce(), problem + "\n  update (base64): " + b64(s.expectedUpdate()));
        }
      } catch (Throwable t) {
        failures.add(s.reproduce(), t);
      }
    }
    failures.assertNone();
  }

  /**
   * Every emitted update, shuffled, ~10% twice (the scenario's "order", which Yjs itself was
   * checked to converge with).
   */
  @Test
  @Order(2)
  void appliesUpdatesInAnyOrderWithDuplicates() {
    Failures failures = new Failures("Java applies every emitted update in a random order");
    for (Scenario s : scenarios) {
      failures.ran();
      List<Integer> order = s.order();
      try {
        String problem = guard.call(() -> compareDoc(s, applyInOrder(s, s.updates(), order)));
        if (problem != null) {
          failures.add(s.reproduce(), problem + "\n  " + orderInfo(order));
        }
      } catch (Throwable t) {
        failures.add(s.reproduce() + "\n  " + orderInfo(order), t);
      }
    }
    failures.assertNone();
  }

  /**
   * Only the per-transaction updates of local edits, shuffled (the scenario's "localOrder", checked
   * with Yjs): every struct and deletion arrives exactly once, so no redundant later update can
   * hide a struct the engine lost.
   */
  @Test
  @Order(3)
  void appliesOnlyTheLocalUpdatesInAnyOrder() {
    Failures failures = new Failures("Java applies only the local-edit updates, in a random order");
    for (Scenario s : scenarios) {
      failures.ran();
      List<Integer> order = s.localOrder();
      try {
        String problem = guard.call(() -> compareDoc(s, applyInOrder(s, s.updates(), order)));
        if (problem != null) {
          failures.add(s.reproduce(), problem + "\n  " + orderInfo(order));
        }
      } catch (Throwable t) {
        failures.add(s.reproduce() + "\n  " + orderInfo(order), t);
      }
    }
    failures.assertNone();
  }

  @Test
  @Order(4)
  void yjsReadsOurEncodeStateAsUpdate() {
    Failures failures = new Failures("Yjs applies the Java doc's encodeStateAsUpdate()");
    forBatches(
        failures,
        s -> {
          YDoc doc = applyInOrder(s, s.updates(), s.order());
          return List.of(YjsCheck.Request.of(s.types(), doc.encodeStateAsUpdate()));
        },
        (s, results) -> compareYjs(s, results.get(0)));
    failures.assertNone();
  }

  @Test
  @Order(5)
  void mergeUpdatesMatchesYjs() {
    Failures failures = new Failures("Yjs.mergeUpdates");
    forBatches(
        failures,
        s -> {
          byte[] merged;
          try {
            merged = Yjs.mergeUpdates(s.updates());
          } catch (Exception e) {
            throw new AssertionError(
                "Yjs.mergeUpdates(all " + s.updates().size() + ") threw " + e, e);
          }
          // the merged update applied by the Java engine
          YDoc doc = applyInOrder(s, List.of(merged), List.of(0));
          String problem = compareDoc(s, doc);
          if (problem != null) {
            throw new AssertionError("Java doc from mergeUpdates(all): " + problem);
          }
          Map<Long, Long> svFromUpdate;
          try {
            svFromUpdate = StateVectors.decode(Yjs.encodeStateVectorFromUpdate(merged));
          } catch (Exception e) {
            throw new AssertionError("encodeStateVectorFromUpdate(merged) failed: " + e, e);
          }
          if (!svFromUpdate.equals(s.expectedStateVector())) {
            throw new AssertionError(
                "encodeStateVectorFromUpdate(mergeUpdates(all)): expected "
                    + s.expectedStateVector()
                    + " but was "
                    + svFromUpdate);
          }
          // merges of random runs of the delivery order, applied in that order
          List<byte[]> groups = randomGroupMerges(s);
          List<Integer> groupOrder = new ArrayList<>();
          for (int i = 0; i < groups.size(); i++) {
            groupOrder.add(i);
          }
          YDoc doc2 = applyInOrder(s, groups, groupOrder);
          problem = compareDoc(s, doc2);
          if (problem != null) {
            throw new AssertionError("Java doc from merges of random groups: " + problem);
          }
          return List.of(YjsCheck.Request.of(s.types(), merged));
        },
        (s, results) -> {
          String p = compareYjs(s, results.get(0));
          return p == null ? null : "Yjs applying our mergeUpdates(all): " + p;
        });
    failures.assertNone();
  }

  /** The delivery order cut into runs of random length, each run merged into one update. */
  private static List<byte[]> randomGroupMerges(Scenario s) throws Exception {
    Random rnd = new Random(s.seed() * 7_000_003L + 3);
    List<Integer> order = s.order();
    List<byte[]> out = new ArrayList<>();
    int i = 0;
    while (i < order.size()) {
      int n = 1 + rnd.nextInt(Math.min(8, order.size() - i));
      List<byte[]> group = new ArrayList<>();
      for (int k = i; k < i + n; k++) {
        group.add(s.updates().get(order.get(k)));
      }
      try {
        out.add(group.size() == 1 && rnd.nextBoolean() ? group.get(0) : Yjs.mergeUpdates(group));
      } catch (Exception e) {
        throw new AssertionError("Yjs.mergeUpdates of a group of " + n + " threw " + e, e);
      }
      i += n;
    }
    return out;
  }

  @Test
  @Order(6)
  void diffsAgainstPartialStateVectors() {
    Failures failures =
        new Failures("encodeStateAsUpdate(sv) and Yjs.diffUpdate(update, sv) for a partial sv");
    forBatches(
        failures,
        s -> {
          YDoc full = applyInOrder(s, s.updates(), s.order());
          List<YjsCheck.Request> requests = new ArrayList<>();
          for (Scenario.Partial p : s.partials()) {
            List<byte[]> prefix = s.updates().subList(0, p.upto());
            byte[] ours = full.encodeStateAsUpdate(p.stateVector());
            byte[] diff = Yjs.diffUpdate(s.expectedUpdate(), p.stateVector());
            List<byte[]> a = new ArrayList<>(prefix);
            a.add(ours);
            List<byte[]> b = new ArrayList<>(prefix);
            b.add(diff);
            requests.add(new YjsCheck.Request(s.types(), a, false));
            requests.add(new YjsCheck.Request(s.types(), b, false));
            // and the Java engine itself: the prefix, then our own diff
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i <= p.upto(); i++) {
              order.add(i);
            }
            String problem = compareDoc(s, applyInOrder(s, a, order));
            if (problem != null) {
              throw new AssertionError(
                  "Java doc with updates[0.."
                      + p.upto()
                      + ") + our encodeStateAsUpdate(sv): "
                      + problem);
            }
          }
          return requests;
        },
        (s, results) -> {
          for (int i = 0; i < results.size(); i++) {
            Scenario.Partial p = s.partials().get(i / 2);
            String p2 = compareYjs(s, results.get(i));
            if (p2 != null) {
              return "Yjs applying updates[0.."
                  + p.upto()
                  + ") then "
                  + (i % 2 == 0
                      ? "our encodeStateAsUpdate(sv)"
                      : "our Yjs.diffUpdate(yjsFullUpdate, sv)")
                  + " with sv = "
                  + StateVectors.decode(p.stateVector())
                  + ": "
                  + p2;
            }
          }
          return null;
        });
    failures.assertNone();
  }

  @Test
  @Order(7)
  void stateVectorBytesMatchYjs() {
    Failures failures =
        new Failures(
            "encodeStateVector() bytes equal Yjs's (entries sorted by descending client id)");
    for (Scenario s : scenarios) {
      failures.ran();
      try {
        byte[] ours = guard.call(() -> applyInOrder(s, s.updates(), s.order()).encodeStateVector());
        byte[] theirs = StateVectors.encode(s.expectedStateVector());
        if (!Arrays.equals(ours, theirs)) {
          failures.add(
              s.reproduce(),
              "expected "
                  + hex(theirs)
                  + " (clients "
                  + Arrays.toString(StateVectors.clientOrder(theirs))
                  + ") but was "
                  + hex(ours));
        }
      } catch (Throwable t) {
        failures.add(s.reproduce(), t);
      }
    }
    failures.assertNone();
  }

  // ---------------------------------------------------------------------------------------------

  interface JavaPart {
    List<YjsCheck.Request> run(Scenario s) throws Exception;
  }

  interface YjsPart {
    String check(Scenario s, List<YjsCheck.Result> results);
  }

  /**
   * Runs the Java part of a check per scenario (guarded), sends the resulting requests to Yjs in
   * pipelined batches and checks the answers.
   */
  private static void forBatches(Failures failures, JavaPart javaPart, YjsPart yjsPart) {
    for (int from = 0; from < scenarios.size(); from += BATCH) {
      List<Scenario> batch = scenarios.subList(from, Math.min(scenarios.size(), from + BATCH));
      List<Scenario> sent = new ArrayList<>();
      List<Integer> counts = new ArrayList<>();
      List<YjsCheck.Request> requests = new ArrayList<>();
      for (Scenario s : batch) {
        failures.ran();
        try {
          List<YjsCheck.Request> r = guard.call(() -> javaPart.run(s));
          sent.add(s);
          counts.add(r.size());
          requests.addAll(r);
        } catch (Throwable t) {
          failures.add(s.reproduce(), t);
        }
      }
      List<YjsCheck.Result> results = requests.isEmpty() ? List.of() : yjs.applyAll(requests);
      int k = 0;
      for (int i = 0; i < sent.size(); i++) {
        Scenario s = sent.get(i);
        List<YjsCheck.Result> mine = results.subList(k, k + counts.get(i));
        k += counts.get(i);
        String problem = yjsPart.check(s, mine);
        if (problem != null) {
          failures.add(s.reproduce(), problem);
        }
      }
    }
  }

  /** Sanity check of the generated data itself, independent of the engine. */
  @Test
  @Order(0)
  void scenariosCoverTheTypes() {
    Set<String> kinds = new HashSet<>();
    scenarios.forEach(s -> kinds.addAll(s.types().values()));
    int minClients = scenarios.stream().mapToInt(s -> s.clients().size()).min().orElse(0);
    if (scenarios.size() >= 50) {
      org.assertj.core.api.Assertions.assertThat(kinds)
          .containsExactlyInAnyOrder("text", "map", "array", "xml");
      org.assertj.core.api.Assertions.assertThat(minClients).isGreaterThanOrEqualTo(2);
    }
    String summary =
        scenarios.stream()
            .collect(
                Collectors.groupingBy(
                    Scenario::size, Collectors.summingInt(s -> s.updates().size())))
            .toString();
    System.out.println("[interop] updates per size: " + summary);
  }
}
