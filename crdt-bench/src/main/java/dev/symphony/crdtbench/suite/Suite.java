package dev.symphony.crdtbench.suite;

import dev.symphony.crdtbench.engine.CrdtDoc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The crdt-benchmarks suite (dmonad/crdt-benchmarks, N = 6000) re-implemented for JVM engines: same
 * inputs, same templates, same checks, plus stricter result checks where the original only compares
 * replicas with each other.
 */
public final class Suite {

  /** The B4 trace (Martin Kleppmann's automerge-perf LaTeX paper). */
  public static final String B4_TRACE = "automerge-paper.json.gz";

  /** Opt-in: 26 million edits, minutes per engine. */
  public static final String B4X100 = "B4x100";

  private static final Map<String, Scenario> ALL = build();

  private Suite() {}

  /** Every scenario in suite order, B4x100 last. */
  public static List<Scenario> all() {
    return List.copyOf(ALL.values());
  }

  /** The default selection: everything except the opt-in B4x100. */
  public static List<Scenario> defaults() {
    return all().stream().filter(scenario -> !scenario.id().equals(B4X100)).toList();
  }

  public static Scenario byId(String id) {
    Scenario scenario = ALL.get(id);
    if (scenario == null) {
      throw new NoSuchElementException("no benchmark " + id + "; known: " + ALL.keySet());
    }
    return scenario;
  }

  private static Map<String, Scenario> build() {
    SuiteInputs in = SuiteInputs.shared();
    List<Scenario> scenarios = new ArrayList<>();
    scenarios.addAll(b1(in));
    scenarios.addAll(b2(in));
    scenarios.addAll(b3());
    scenarios.add(new TraceScenario("B4", "[B4] Apply real-world editing dataset", B4_TRACE, 1));
    scenarios.add(
        new TraceScenario(
            B4X100, "[B4x100] Apply real-world editing dataset 100 times", B4_TRACE, 100));
    Map<String, Scenario> byId = new LinkedHashMap<>();
    scenarios.forEach(scenario -> byId.put(scenario.id(), scenario));
    return byId;
  }

  private static List<Scenario> b1(SuiteInputs in) {
    List<Scenario> b1 = new ArrayList<>();
    b1.add(
        oneUser(
            "B1.1",
            "[B1.1] Append N characters",
            eachChar(in.b11Text, (doc, i, c) -> doc.insertText(i, c)),
            ReplicaCheck.textEquals(in.b11Text)));
    b1.add(
        oneUser(
            "B1.2",
            "[B1.2] Insert string of length N",
            List.of(doc -> doc.insertText(0, in.b12Text)),
            ReplicaCheck.textEquals(in.b12Text)));
    String reversed = new StringBuilder(in.b13Text).reverse().toString();
    b1.add(
        oneUser(
            "B1.3",
            "[B1.3] Prepend N characters",
            eachChar(reversed, (doc, i, c) -> doc.insertText(0, c)),
            ReplicaCheck.textEquals(in.b13Text)));
    b1.add(
        oneUser(
            "B1.4",
            "[B1.4] Insert N characters at random positions",
            textEdits(in.b14.input()),
            ReplicaCheck.textEquals(in.b14.result())));
    b1.add(
        oneUser(
            "B1.5",
            "[B1.5] Insert N words at random positions",
            textEdits(in.b15.input()),
            ReplicaCheck.textEquals(in.b15.result())));
    b1.add(
        oneUser(
            "B1.6",
            "[B1.6] Insert string, then delete it",
            List.of(
                doc -> {
                  doc.insertText(0, in.b16Text);
                  doc.deleteText(0, in.b16Text.length());
                }),
            ReplicaCheck.textEquals("")));
    b1.add(
        oneUser(
            "B1.7",
            "[B1.7] Insert/Delete strings at random positions",
            textEdits(in.b17.input()),
            ReplicaCheck.textEquals(in.b17.result())));
    b1.add(
        oneUser(
            "B1.8",
            "[B1.8] Append N numbers",
            eachNumber(in.b18Numbers, true),
            ReplicaCheck.arrayEquals(asLongs(in.b18Numbers, false))));
    List<Integer> b19 = boxed(in.b19Numbers);
    b1.add(
        oneUser(
            "B1.9",
            "[B1.9] Insert Array of N numbers",
            List.of(doc -> doc.insertArray(0, b19)),
            ReplicaCheck.arrayEquals(asLongs(in.b19Numbers, false))));
    b1.add(
        oneUser(
            "B1.10",
            "[B1.10] Prepend N numbers",
            eachNumber(in.b110Numbers, false),
            ReplicaCheck.arrayEquals(asLongs(in.b110Numbers, true))));
    List<Consumer<CrdtDoc>> b111 = new ArrayList<>();
    for (NumberInsert insert : in.b111.input()) {
      List<Integer> value = List.of(insert.value());
      b111.add(doc -> doc.insertArray(insert.index(), value));
    }
    b1.add(
        oneUser(
            "B1.11",
            "[B1.11] Insert N numbers at random positions",
            b111,
            ReplicaCheck.arrayEquals(in.b111.result().stream().map(Integer::longValue).toList())));
    return b1;
  }

  private static List<Scenario> b2(SuiteInputs in) {
    int n = SuiteInputs.N;
    int initial = in.b2InitialText.length();
    return List.of(
        new TwoUsersScenario(
            "B2.1",
            "[B2.1] Concurrently insert string of length N at index 0",
            in.b2InitialText,
            doc -> doc.insertText(0, in.b21Text1),
            doc -> doc.insertText(0, in.b21Text2),
            ReplicaCheck.textsConverge(2 * n + initial)),
        new TwoUsersScenario(
            "B2.2",
            "[B2.2] Concurrently insert N characters at random positions",
            in.b2InitialText,
            applyAll(in.b22Edits1),
            applyAll(in.b22Edits2),
            ReplicaCheck.textsConverge(2 * n + initial)),
        new TwoUsersScenario(
            "B2.3",
            "[B2.3] Concurrently insert N words at random positions",
            in.b2InitialText,
            applyAll(in.b23Edits1),
            applyAll(in.b23Edits2),
            ReplicaCheck.textsConverge(insertedLength(in.b23Edits1, in.b23Edits2) + initial)),
        new TwoUsersScenario(
            "B2.4",
            "[B2.4] Concurrently insert & delete",
            in.b2InitialText,
            applyAll(in.b24Edits1),
            applyAll(in.b24Edits2),
            // Concurrent deletes may overlap, so the final length is not known in advance.
            ReplicaCheck.textsConverge(-1)));
  }

  private static List<Scenario> b3() {
    int clients = SuiteInputs.B3_CLIENTS;
    return List.of(
        new ManyClientsScenario(
            "B3.1",
            "[B3.1] 20√N clients concurrently set number in Map",
            clients,
            (doc, i) -> doc.setMap("v", i),
            ManyClientsChecks.mapWinner(clients, i -> (long) i)),
        new ManyClientsScenario(
            "B3.2",
            "[B3.2] 20√N clients concurrently set Object in Map",
            clients,
            (doc, i) -> doc.setMap("v", userObject(i)),
            ManyClientsChecks.mapWinner(clients, Suite::userObject)),
        new ManyClientsScenario(
            "B3.3",
            "[B3.3] 20√N clients concurrently set String in Map",
            clients,
            (doc, i) -> doc.setMap("v", Integer.toString(i).repeat(clients)),
            ManyClientsChecks.mapWinner(clients, i -> Integer.toString(i).repeat(clients))),
        new ManyClientsScenario(
            "B3.4",
            "[B3.4] 20√N clients concurrently insert text in Array",
            clients,
            (doc, i) -> doc.insertArray(0, List.of(Integer.toString(i))),
            ManyClientsChecks.allElements(clients)));
  }

  /** B3.2's value; insertion order name, address as in the JavaScript object literal. */
  private static Map<String, Object> userObject(int i) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("name", Integer.toString(i));
    user.put("address", "here");
    return user;
  }

  private static Scenario oneUser(
      String id, String title, List<Consumer<CrdtDoc>> changes, ReplicaCheck check) {
    return new OneUserScenario(id, title, List.copyOf(changes), check);
  }

  private interface CharChange {
    void apply(CrdtDoc doc, int index, String character);
  }

  private static List<Consumer<CrdtDoc>> eachChar(String text, CharChange change) {
    List<Consumer<CrdtDoc>> changes = new ArrayList<>(text.length());
    for (int i = 0; i < text.length(); i++) {
      int index = i;
      String character = String.valueOf(text.charAt(i));
      changes.add(doc -> change.apply(doc, index, character));
    }
    return changes;
  }

  private static List<Consumer<CrdtDoc>> eachNumber(int[] numbers, boolean append) {
    List<Consumer<CrdtDoc>> changes = new ArrayList<>(numbers.length);
    for (int i = 0; i < numbers.length; i++) {
      int index = append ? i : 0;
      List<Integer> value = List.of(numbers[i]);
      changes.add(doc -> doc.insertArray(index, value));
    }
    return changes;
  }

  private static List<Consumer<CrdtDoc>> textEdits(List<TextEdit> edits) {
    List<Consumer<CrdtDoc>> changes = new ArrayList<>(edits.size());
    for (TextEdit edit : edits) {
      changes.add(doc -> apply(doc, edit));
    }
    return changes;
  }

  private static Consumer<CrdtDoc> applyAll(List<TextEdit> edits) {
    return doc -> edits.forEach(edit -> apply(doc, edit));
  }

  private static void apply(CrdtDoc doc, TextEdit edit) {
    if (edit.isInsert()) {
      doc.insertText(edit.index(), edit.text());
    } else {
      doc.deleteText(edit.index(), edit.length());
    }
  }

  private static int insertedLength(List<TextEdit> first, List<TextEdit> second) {
    int length = 0;
    for (TextEdit edit : first) {
      length += edit.text().length();
    }
    for (TextEdit edit : second) {
      length += edit.text().length();
    }
    return length;
  }

  private static List<Integer> boxed(int[] numbers) {
    List<Integer> list = new ArrayList<>(numbers.length);
    for (int number : numbers) {
      list.add(number);
    }
    return List.copyOf(list);
  }

  private static List<Long> asLongs(int[] numbers, boolean reversed) {
    List<Long> list = new ArrayList<>(numbers.length);
    for (int number : numbers) {
      list.add((long) number);
    }
    return reversed ? List.copyOf(list.reversed()) : List.copyOf(list);
  }

  /** Checks for B3 beyond convergence: the result must be one client's write, or all of them. */
  private static final class ManyClientsChecks {

    static ReplicaCheck mapWinner(int clients, java.util.function.IntFunction<Object> valueOf) {
      Set<Object> written = new HashSet<>();
      for (int i = 0; i < clients; i++) {
        written.add(dev.symphony.crdtbench.engine.Values.normalize(valueOf.apply(i)));
      }
      return (first, second) -> {
        ReplicaCheck.mapsConverge().verify(first, second);
        Map<String, Object> map = first.getMap();
        Checks.equal("map keys", Set.of("v"), map.keySet());
        Checks.check(
            written.contains(map.get("v")), "map value v is no client's write: " + map.get("v"));
      };
    }

    static ReplicaCheck allElements(int clients) {
      Set<Object> expected = new HashSet<>();
      for (int i = 0; i < clients; i++) {
        expected.add(Integer.toString(i));
      }
      return (first, second) -> {
        ReplicaCheck.arraysConverge().verify(first, second);
        List<Object> array = first.getArray();
        Checks.equal("array length", clients, array.size());
        Checks.equal("array elements", expected, new HashSet<>(array));
      };
    }
  }
}
