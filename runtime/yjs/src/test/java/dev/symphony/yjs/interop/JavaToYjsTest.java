package dev.symphony.yjs.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.symphony.yjs.YArray;
import dev.symphony.yjs.YDoc;
import dev.symphony.yjs.YMap;
import dev.symphony.yjs.YText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The other direction: three Java docs edit concurrently through the public API (text insert,
 * delete, format, embeds; map set/delete with nested prelim types; array insert/push/delete) and
 * exchange updates through {@code onUpdate} (delayed, reordered, some lost) and {@code
 * encodeStateAsUpdate(sv)}. After a full sync they must agree with each other, and the real Yjs,
 * applying everything the Java docs emitted (or any one doc's full state), must show the same.
 *
 * <p>System properties: {@code yjs.j2y.seed} (default 1), {@code yjs.j2y.scenarios} (default 300).
 */
class JavaToYjsTest {
  private static final int DEFAULT_SCENARIOS = 300;
  private static final int BATCH = 50;

  private static final Map<String, String> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put("text", "text");
    TYPES.put("rich", "text"); // the only text that gets embeds, and never astral characters
    TYPES.put("map", "map");
    TYPES.put("array", "array");
  }

  private static final String[] WORDS = {
    "hello", "world", " ", "\n", "a", "b", "Symphony", "\"q\"", "back\\slash", "tab\t"
  };
  private static final String[] BMP = {"ä", "ß", "日本語", "עברית", "€", "e\u0301", "\u00a0"};
  private static final String[] ASTRAL = {"😀", "𝄞", "👍🏽", "👨‍👩‍👧", "🦄"};
  private static final String[] KEYS = {"a", "b", "c", "title", "ключ", "k😀", "", "x y"};
  private static final String[] OBJ_KEYS = {"id", "name", "v", "ü", "", "0", "list"};
  private static final long[] LONGS = {
    0,
    1,
    -1,
    63,
    64,
    -64,
    -65,
    127,
    128,
    8191,
    8192,
    2147483647L,
    -2147483647L,
    2147483648L,
    -2147483648L,
    4294967295L,
    4294967296L,
    1L << 40,
    9007199254740991L,
    -9007199254740991L
  };
  private static final double[] DOUBLES = {0.5, -1.25, 0.1, 1e300, -1e-300, 1.0 / 3, 123456.789};

  private static YjsCheck yjs;
  private static Guard guard;

  @BeforeAll
  static void start() {
    yjs = new YjsCheck(NodeHarness.get());
    guard = new Guard(Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    if (yjs != null) {
      yjs.close();
    }
    if (guard != null) {
      guard.close();
    }
  }

  /** One simulated session of three Java clients. */
  private static final class Session {
    final long seed;
    final Random rnd;
    final YDoc[] docs = new YDoc[3];
    final List<List<byte[]>> inbox = new ArrayList<>();
    final boolean[] applying = new boolean[3];
    final List<byte[]> emitted = new ArrayList<>();
    final List<byte[]> fullStates = new ArrayList<>();
    final StringBuilder log = new StringBuilder();
    Map<String, JsonNode> javaJson;
    Map<Long, Long> javaSv;

    Session(long seed) {
      this.seed = seed;
      this.rnd = new Random(seed);
    }

    void log(String s) {
      log.append(s).append('\n');
    }

    String logTail() {
      return NodeHarness.tail(log.toString(), 4000);
    }

    String reproduce() {
      return "Java scenario seed="
          + seed
          + " clients="
          + Arrays.toString(
              Arrays.stream(docs).mapToLong(d -> d == null ? -1 : d.clientId()).toArray())
          + "\n    rerun only it: ./mvnw -pl runtime/yjs test -Dtest=JavaToYjsTest -Dyjs.j2y.seed="
          + seed
          + " -Dyjs.j2y.scenarios=1";
    }
  }

  @Test
  void javaEditsConvergeInYjs() {
    long base = Long.getLong("yjs.j2y.seed", 1);
    int count = Integer.getInteger("yjs.j2y.scenarios", DEFAULT_SCENARIOS);
    Failures failures = new Failures("Java-made updates read by Yjs");
    for (int from = 0; from < count; from += BATCH) {
      List<Session> sent = new ArrayList<>();
      List<YjsCheck.Request> requests = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + BATCH); i++) {
        Session s = new Session(base + i);
        failures.ran();
        try {
          String problem =
              guard.call(
                  () -> {
                    runSession(s);
                    String p = javaConverged(s);
                    if (p == null) {
                      for (YDoc d : s.docs) {
                        s.fullStates.add(d.encodeStateAsUpdate());
                      }
                      s.javaJson = YjsDifferentialTest.javaJson(s.docs[0], TYPES);
                      s.javaSv = StateVectors.decode(s.docs[0].encodeStateVector());
                    }
                    return p;
                  });
          if (problem != null) {
            failures.add(s.reproduce(), problem + "\n  ops:\n" + s.logTail());
            continue;
          }
          sent.add(s);
          requests.add(new YjsCheck.Request(TYPES, s.emitted, false));
          for (byte[] full : s.fullStates) {
            requests.add(YjsCheck.Request.of(TYPES, full));
          }
        } catch (Throwable t) {
          failures.add(s.reproduce() + "\n  ops:\n" + s.logTail(), t);
        }
      }
      List<YjsCheck.Result> results = requests.isEmpty() ? List.of() : yjs.applyAll(requests);
      for (int i = 0; i < sent.size(); i++) {
        Session s = sent.get(i);
        String problem = compareWithYjs(s, results.subList(i * 4, i * 4 + 4));
        if (problem != null) {
          failures.add(s.reproduce(), problem + "\n  ops:\n" + s.logTail());
        }
      }
    }
    failures.assertNone();
  }

  // ---------------------------------------------------------------------------------------------
  // the session

  private static void runSession(Session s) throws Exception {
    Random r = s.rnd;
    long[] ids = distinctClientIds(r);
    for (int i = 0; i < 3; i++) {
      s.docs[i] = new YDoc(ids[i]);
      s.inbox.add(new ArrayList<>());
      final int me = i;
      s.docs[i].onUpdate(
          u -> {
            byte[] copy = u.clone();
            s.emitted.add(copy);
            if (!s.applying[me]) {
              for (int j = 0; j < 3; j++) {
                if (j != me && r.nextInt(100) >= 15) {
                  s.inbox.get(j).add(copy);
                }
              }
            }
          });
      for (String name : TYPES.keySet()) {
        root(s.docs[i], name);
      }
    }
    int steps = 10 + r.nextInt(40);
    for (int step = 0; step < steps; step++) {
      int action = r.nextInt(10);
      if (action < 6) {
        int i = r.nextInt(3);
        int ops = 1 + r.nextInt(4);
        s.log("-- doc" + i + " transaction");
        s.docs[i].transact(
            () -> {
              for (int k = 0; k < ops; k++) {
                randomOp(s, s.docs[i]);
              }
            });
      } else if (action < 9) {
        int j = r.nextInt(3);
        int n = Math.min(s.inbox.get(j).size(), 1 + r.nextInt(3));
        for (int k = 0; k < n; k++) {
          deliverOne(s, j);
        }
      } else {
        int i = r.nextInt(3);
        int j = (i + 1 + r.nextInt(2)) % 3;
        sync(s, i, j);
      }
    }
    for (int j = 0; j < 3; j++) {
      while (!s.inbox.get(j).isEmpty()) {
        deliverOne(s, j);
      }
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          if (i != j) {
            sync(s, i, j);
          }
        }
      }
    }
  }

  private static long[] distinctClientIds(Random r) {
    long[] ids = new long[3];
    for (int i = 0; i < 3; i++) {
      long id;
      boolean dup;
      do {
        id =
            switch (r.nextInt(3)) {
              case 0 -> r.nextInt(20);
              case 1 -> r.nextLong(1L << 32); // as Yjs: a random uint32
              default -> new long[] {127, 128, 2147483647L, 2147483648L, 4294967295L}[r.nextInt(5)];
            };
        dup = false;
        for (int k = 0; k < i; k++) {
          dup |= ids[k] == id;
        }
      } while (dup);
      ids[i] = id;
    }
    return ids;
  }

  private static void deliverOne(Session s, int j) throws Exception {
    List<byte[]> q = s.inbox.get(j);
    int k = s.rnd.nextInt(10) < 7 ? 0 : s.rnd.nextInt(q.size());
    byte[] u = q.remove(k);
    s.log("   deliver to doc" + j + ": " + u.length + " bytes");
    apply(s, j, u);
  }

  private static void sync(Session s, int i, int j) throws Exception {
    byte[] u = s.docs[i].encodeStateAsUpdate(s.docs[j].encodeStateVector());
    s.log("   sync doc" + i + " -> doc" + j + ": " + u.length + " bytes");
    s.emitted.add(u);
    apply(s, j, u);
  }

  private static void apply(Session s, int j, byte[] u) throws Exception {
    s.applying[j] = true;
    try {
      s.docs[j].applyUpdate(u);
    } catch (Exception e) {
      throw new AssertionError(
          "doc"
              + j
              + ".applyUpdate of a Java-made update threw "
              + e
              + "; update (base64): "
              + YjsDifferentialTest.b64(u),
          e);
    } finally {
      s.applying[j] = false;
    }
  }

  private static Object root(YDoc doc, String name) {
    return switch (TYPES.get(name)) {
      case "text" -> doc.getText(name);
      case "map" -> doc.getMap(name);
      case "array" -> doc.getArray(name);
      default -> throw new IllegalArgumentException(name);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // random edits

  private record Target(Object type, String path, int depth) {}

  private static List<Target> targets(YDoc doc) {
    List<Target> out = new ArrayList<>();
    for (String name : TYPES.keySet()) {
      collect(root(doc, name), name, 0, out);
    }
    return out;
  }

  private static void collect(Object t, String path, int depth, List<Target> out) {
    out.add(new Target(t, path, depth));
    if (t instanceof YMap m) {
      for (String k : KEYS) {
        Object v = m.get(k);
        if (v instanceof YMap || v instanceof YArray || v instanceof YText) {
          collect(v, path + "[" + k + "]", depth + 1, out);
        }
      }
    } else if (t instanceof YArray a) {
      for (int i = 0; i < a.length(); i++) {
        Object v = a.get(i);
        if (v instanceof YMap || v instanceof YArray || v instanceof YText) {
          collect(v, path + "[" + i + "]", depth + 1, out);
        }
      }
    }
  }

  private static void randomOp(Session s, YDoc doc) {
    Random r = s.rnd;
    List<Target> ts = targets(doc);
    Target t = ts.get(r.nextInt(ts.size()));
    switch (t.type()) {
      case YText text -> textOp(s, text, t.path(), t.path().equals("rich"));
      case YMap map -> mapOp(s, map, t.path(), t.depth());
      case YArray array -> arrayOp(s, array, t.path(), t.depth());
      default -> throw new IllegalStateException("unexpected target " + t.type());
    }
  }

  private static String randomString(Random r, boolean astral) {
    StringBuilder sb = new StringBuilder();
    int parts = 1 + r.nextInt(3);
    for (int i = 0; i < parts; i++) {
      int k = r.nextInt(10);
      if (k < 5) {
        sb.append(WORDS[r.nextInt(WORDS.length)]);
      } else if (k < 7) {
        sb.append(BMP[r.nextInt(BMP.length)]);
      } else if (k < 9 && astral) {
        sb.append(ASTRAL[r.nextInt(ASTRAL.length)]);
      } else {
        sb.append((char) ('a' + r.nextInt(26)));
      }
    }
    return sb.toString();
  }

  private static Map<String, Object> randomAttrs(Random r) {
    Map<String, Object> a = new LinkedHashMap<>();
    switch (r.nextInt(8)) {
      case 0 -> a.put("bold", true);
      case 1 -> a.put("italic", true);
      case 2 -> a.put("bold", null);
      case 3 -> a.put("color", "#00ff00");
      case 4 -> a.put("link", new LinkedHashMap<>(Map.of("href", "https://example.com/ä")));
      case 5 -> a.put("size", 14);
      case 6 -> {
        a.put("bold", true);
        a.put("italic", true);
      }
      default -> a.put("italic", null);
    }
    return a;
  }

  private static boolean splitsPair(String s, int i) {
    return i > 0
        && i < s.length()
        && Character.isHighSurrogate(s.charAt(i - 1))
        && Character.isLowSurrogate(s.charAt(i));
  }

  /** An index of the text that does not split a surrogate pair. */
  private static int safeIndex(String s, int i, int dir) {
    while (splitsPair(s, i)) {
      i += dir;
    }
    return i;
  }

  private static void textOp(Session s, YText t, String path, boolean rich) {
    Random r = s.rnd;
    String str = t.toString();
    int len = t.length();
    // "rich" gets embeds and no astral characters, so toString() indices may be off only by embeds
    // and surrogate checks are not needed there; elsewhere toString() and length() agree
    String units = rich ? "" : str;
    int op = len == 0 ? 0 : r.nextInt(10);
    if (op < 5) {
      int i = safeIndex(units, r.nextInt(len + 1), -1);
      String ins = randomString(r, !rich);
      if (r.nextInt(10) < 3) {
        Map<String, Object> attrs = randomAttrs(r);
        s.log(path + ".insert(" + i + ", " + quote(ins) + ", " + attrs + ")");
        t.insert(i, ins, attrs);
      } else {
        s.log(path + ".insert(" + i + ", " + quote(ins) + ")");
        t.insert(i, ins);
      }
    } else if (op < 6 && rich) {
      int i = r.nextInt(len + 1);
      Map<String, Object> embed = new LinkedHashMap<>();
      embed.put(
          r.nextBoolean() ? "image" : "mention", r.nextBoolean() ? "https://x.y/1.png" : "Zoë");
      Map<String, Object> attrs = r.nextBoolean() ? randomAttrs(r) : null;
      s.log(path + ".insertEmbed(" + i + ", " + embed + ", " + attrs + ")");
      t.insertEmbed(i, embed, attrs);
    } else {
      int start = safeIndex(units, r.nextInt(len), -1);
      int end = safeIndex(units, Math.min(len, start + 1 + r.nextInt(8)), +1);
      if (op < 8) {
        Map<String, Object> attrs = randomAttrs(r);
        s.log(path + ".format(" + start + ", " + (end - start) + ", " + attrs + ")");
        t.format(start, end - start, attrs);
      } else {
        s.log(path + ".delete(" + start + ", " + (end - start) + ")");
        t.delete(start, end - start);
      }
    }
  }

  private static String quote(String s) {
    return JsonCompare.text(s).toString();
  }

  private static void mapOp(Session s, YMap m, String path, int depth) {
    Random r = s.rnd;
    String key = KEYS[r.nextInt(KEYS.length)];
    if (r.nextInt(4) == 0) {
      s.log(path + ".delete(" + quote(key) + ")");
      m.delete(key);
      return;
    }
    Object v = depth < 3 && r.nextInt(4) == 0 ? prelim(s, depth) : randomValue(r, 0);
    s.log(path + ".set(" + quote(key) + ", " + describe(v) + ")");
    m.set(key, v);
    if (v instanceof YText || v instanceof YMap || v instanceof YArray) {
      fillAfterIntegration(s, m.get(key), path + "[" + key + "]");
    }
  }

  private static void arrayOp(Session s, YArray a, String path, int depth) {
    Random r = s.rnd;
    int len = a.length();
    int op = len == 0 ? r.nextInt(2) : r.nextInt(5);
    if (op >= 3) {
      int i = r.nextInt(len);
      int n = Math.min(len - i, 1 + r.nextInt(3));
      s.log(path + ".delete(" + i + ", " + n + ")");
      a.delete(i, n);
      return;
    }
    List<Object> values = new ArrayList<>();
    int n = 1 + r.nextInt(r.nextInt(4) == 0 ? 6 : 2);
    for (int k = 0; k < n; k++) {
      values.add(depth < 3 && r.nextInt(5) == 0 ? prelim(s, depth) : randomValue(r, 0));
    }
    int at = op == 0 ? r.nextInt(len + 1) : len;
    if (op == 0) {
      s.log(path + ".insert(" + at + ", " + describe(values) + ")");
      a.insert(at, values);
    } else {
      s.log(path + ".push(" + describe(values) + ")");
      a.push(values);
    }
    for (int k = 0; k < values.size(); k++) {
      Object v = values.get(k);
      if (v instanceof YText || v instanceof YMap || v instanceof YArray) {
        fillAfterIntegration(s, a.get(at + k), path + "[" + (at + k) + "]");
      }
    }
  }

  /** A new prelim type, with content set before integration in a quarter of the cases. */
  private static Object prelim(Session s, int depth) {
    Random r = s.rnd;
    boolean filled = r.nextInt(4) == 0;
    return switch (r.nextInt(3)) {
      case 0 -> {
        YMap m = new YMap();
        if (filled) {
          m.set(KEYS[r.nextInt(KEYS.length)], randomValue(r, 1));
        }
        yield m;
      }
      case 1 -> {
        YArray a = new YArray();
        if (filled) {
          a.insert(0, Arrays.asList(randomValue(r, 1), randomValue(r, 1)));
        }
        yield a;
      }
      default -> {
        YText t = new YText();
        if (filled) {
          t.insert(0, randomString(r, true));
        }
        yield t;
      }
    };
  }

  /** Edits a just-inserted nested type through the instance the parent hands back. */
  private static void fillAfterIntegration(Session s, Object integrated, String path) {
    Random r = s.rnd;
    if (r.nextBoolean()) {
      return;
    }
    switch (integrated) {
      case YText t -> {
        String ins = randomString(r, true);
        s.log("  " + path + ".insert(" + t.length() + ", " + quote(ins) + ")");
        t.insert(t.length(), ins);
      }
      case YMap m -> {
        Object v = randomValue(r, 1);
        s.log("  " + path + ".set(\"v\", " + describe(v) + ")");
        m.set("v", v);
      }
      case YArray a -> {
        Object v = randomValue(r, 1);
        s.log("  " + path + ".push([" + describe(v) + "])");
        a.push(java.util.Collections.singletonList(v));
      }
      case null ->
          throw new AssertionError(path + ": the parent returned null for a nested type just set");
      default ->
          throw new AssertionError(
              path
                  + ": the parent returned a "
                  + integrated.getClass().getName()
                  + " for a nested type just set");
    }
  }

  /** A JSON-like Java value the engine must accept. */
  private static Object randomValue(Random r, int depth) {
    int k = r.nextInt(depth < 3 ? 12 : 10);
    return switch (k) {
      case 0 -> null;
      case 1 -> r.nextBoolean();
      case 2 -> r.nextInt(2001) - 1000;
      case 3 -> LONGS[r.nextInt(LONGS.length)];
      case 4 -> DOUBLES[r.nextInt(DOUBLES.length)];
      case 5, 6 -> randomString(r, true);
      case 7 -> {
        byte[] b = new byte[r.nextInt(10)];
        r.nextBytes(b);
        yield b;
      }
      case 8 -> (int) LONGS[r.nextInt(12)];
      case 9 -> "";
      case 10 -> {
        List<Object> l = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          l.add(randomValue(r, depth + 1));
        }
        yield l;
      }
      default -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          m.put(OBJ_KEYS[r.nextInt(OBJ_KEYS.length)], randomValue(r, depth + 1));
        }
        yield m;
      }
    };
  }

  private static String describe(Object v) {
    return switch (v) {
      case null -> "null";
      case String str -> quote(str);
      case byte[] b -> "bytes" + Arrays.toString(b);
      case Long l -> l + "L";
      case YText t -> "new YText(" + quote(t.toString()) + ")";
      case YMap m -> "new YMap(" + m.size() + " entries)";
      case YArray a -> "new YArray(" + a.length() + " items)";
      case List<?> l -> l.stream().map(JavaToYjsTest::describe).toList().toString();
      case Map<?, ?> m -> {
        StringBuilder sb = new StringBuilder("{");
        m.forEach(
            (key, val) ->
                sb.append(sb.length() > 1 ? ", " : "")
                    .append(quote((String) key))
                    .append(": ")
                    .append(describe(val)));
        yield sb.append('}').toString();
      }
      default -> v.toString();
    };
  }

  // ---------------------------------------------------------------------------------------------
  // checks

  private static String javaConverged(Session s) {
    Map<String, JsonNode> first = YjsDifferentialTest.javaJson(s.docs[0], TYPES);
    Map<Long, Long> sv0 = StateVectors.decode(s.docs[0].encodeStateVector());
    for (int i = 1; i < 3; i++) {
      Map<String, JsonNode> other = YjsDifferentialTest.javaJson(s.docs[i], TYPES);
      for (String name : TYPES.keySet()) {
        String d = JsonCompare.diff(first.get(name), other.get(name));
        if (d != null) {
          return "Java docs did not converge after a full sync: doc0 vs doc"
              + i
              + " at "
              + name
              + ": "
              + d;
        }
      }
      Map<Long, Long> sv = StateVectors.decode(s.docs[i].encodeStateVector());
      if (!sv.equals(sv0)) {
        return "Java docs have different state vectors after a full sync: doc0 "
            + sv0
            + ", doc"
            + i
            + " "
            + sv;
      }
    }
    return null;
  }

  private static String compareWithYjs(Session s, List<YjsCheck.Result> results) {
    Map<String, JsonNode> java = s.javaJson;
    Map<Long, Long> javaSv = s.javaSv;
    JsonNode deep0 = null;
    for (int i = 0; i < results.size(); i++) {
      String what =
          i == 0
              ? "Yjs applying all " + s.emitted.size() + " updates the Java docs emitted"
              : "Yjs applying doc" + (i - 1) + ".encodeStateAsUpdate()";
      YjsCheck.Result r = results.get(i);
      String p = r.problem();
      if (p != null) {
        return what + ": " + p;
      }
      // Yjs's view is the reference; the Java view may use other renderings of bytes etc.
      for (String name : TYPES.keySet()) {
        String d = JsonCompare.diff(r.json().get(name), java.get(name));
        if (d != null) {
          return what + ": Java shows other content than Yjs at " + name + ": " + d;
        }
      }
      Map<Long, Long> sv = StateVectors.fromJson(r.stateVector());
      if (!sv.equals(javaSv)) {
        return what + ": Yjs has state vector " + sv + ", the Java docs " + javaSv;
      }
      if (deep0 == null) {
        deep0 = r.deep();
      } else {
        String d = JsonCompare.diff(deep0, r.deep());
        if (d != null) {
          return what
              + " gives another formatting/structure than applying all emitted updates (deep view): "
              + d;
        }
      }
    }
    return null;
  }
}
