package dev.symphony.crdtbench.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * Every random input of the crdt-benchmarks suite, drawn from one lib0 generator seeded with 42 in
 * the suite's own order (B2's initial text first, at module load, then B1.1 ... B2.4). Drawing them
 * all up front keeps the inputs identical whichever subset of benchmarks runs, here and in the Node
 * runner.
 */
public final class SuiteInputs {

  /** The suite's N. */
  public static final int N = 6000;

  /** Clients in B3: {@code floor(sqrt(N)) * 20}. */
  public static final int B3_CLIENTS = (int) Math.floor(Math.sqrt(N)) * 20;

  private static final int MAX_NUMBER = 0x7fffffff;
  private static volatile SuiteInputs shared;

  public final String b2InitialText;
  public final String b11Text;
  public final String b12Text;
  public final String b13Text;
  public final Expected<List<TextEdit>, String> b14;
  public final Expected<List<TextEdit>, String> b15;
  public final String b16Text;
  public final Expected<List<TextEdit>, String> b17;
  public final int[] b18Numbers;
  public final int[] b19Numbers;
  public final int[] b110Numbers;
  public final Expected<List<NumberInsert>, List<Integer>> b111;
  public final String b21Text1;
  public final String b21Text2;
  public final List<TextEdit> b22Edits1;
  public final List<TextEdit> b22Edits2;
  public final List<TextEdit> b23Edits1;
  public final List<TextEdit> b23Edits2;
  public final List<TextEdit> b24Edits1;
  public final List<TextEdit> b24Edits2;

  /** Generated inputs together with the result they must produce. */
  public record Expected<I, R>(I input, R result) {}

  /** The inputs are immutable and cheap to share between benchmarks of one JVM. */
  public static SuiteInputs shared() {
    SuiteInputs inputs = shared;
    if (inputs == null) {
      synchronized (SuiteInputs.class) {
        if (shared == null) {
          shared = new SuiteInputs();
        }
        inputs = shared;
      }
    }
    return inputs;
  }

  private SuiteInputs() {
    Lib0Prng gen = new Lib0Prng(42);
    b2InitialText = gen.word(100, 100);
    b11Text = gen.word(N, N);
    b12Text = gen.word(N, N);
    b13Text = gen.word(N, N);
    b14 = randomInserts(gen, 1, 1);
    b15 = randomInserts(gen, 2, 10);
    b16Text = gen.word(N, N);
    b17 = randomInsertsAndDeletes(gen);
    b18Numbers = numbers(gen);
    b19Numbers = numbers(gen);
    b110Numbers = numbers(gen);
    b111 = randomNumberInserts(gen);
    b21Text1 = gen.word(N, N);
    b21Text2 = gen.word(N, N);
    b22Edits1 = concurrentInserts(gen, 1, 1);
    b22Edits2 = concurrentInserts(gen, 1, 1);
    b23Edits1 = concurrentInserts(gen, 3, 9);
    b23Edits2 = concurrentInserts(gen, 3, 9);
    b24Edits1 = concurrentInsertsAndDeletes(gen);
    b24Edits2 = concurrentInsertsAndDeletes(gen);
  }

  /** B1.4 / B1.5: note these draw the index with int32, the others with uint32 (same values). */
  private static Expected<List<TextEdit>, String> randomInserts(Lib0Prng gen, int min, int max) {
    StringBuilder text = new StringBuilder();
    List<TextEdit> edits = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      int index = gen.int32(0, text.length());
      String insert = gen.word(min, max);
      text.insert(index, insert);
      edits.add(TextEdit.insert(index, insert));
    }
    return new Expected<>(List.copyOf(edits), text.toString());
  }

  private static Expected<List<TextEdit>, String> randomInsertsAndDeletes(Lib0Prng gen) {
    StringBuilder text = new StringBuilder();
    List<TextEdit> edits = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      int index = gen.uint32(0, text.length());
      // JavaScript's || short-circuits: the coin is only drawn when not at the end.
      if (text.length() == index || gen.bool()) {
        String insert = gen.word(2, 10);
        text.insert(index, insert);
        edits.add(TextEdit.insert(index, insert));
      } else {
        int deleteCount = gen.uint32(1, Math.min(9, text.length() - index));
        text.delete(index, index + deleteCount);
        edits.add(TextEdit.delete(index, deleteCount));
      }
    }
    return new Expected<>(List.copyOf(edits), text.toString());
  }

  private static int[] numbers(Lib0Prng gen) {
    int[] numbers = new int[N];
    for (int i = 0; i < N; i++) {
      numbers[i] = gen.uint32(0, MAX_NUMBER);
    }
    return numbers;
  }

  private static Expected<List<NumberInsert>, List<Integer>> randomNumberInserts(Lib0Prng gen) {
    List<Integer> numbers = new ArrayList<>(N);
    List<NumberInsert> inserts = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      int index = gen.uint32(0, numbers.size());
      int value = gen.uint32(0, MAX_NUMBER);
      numbers.add(index, value);
      inserts.add(new NumberInsert(index, value));
    }
    return new Expected<>(List.copyOf(inserts), List.copyOf(numbers));
  }

  /** B2.2 / B2.3: each user's edits start from B2's initial text. */
  private List<TextEdit> concurrentInserts(Lib0Prng gen, int min, int max) {
    StringBuilder text = new StringBuilder(b2InitialText);
    List<TextEdit> edits = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      int index = gen.uint32(0, text.length());
      String insert = gen.word(min, max);
      text.insert(index, insert);
      edits.add(TextEdit.insert(index, insert));
    }
    return List.copyOf(edits);
  }

  /** B2.4: every step inserts a word, then inserts another or deletes at the same index. */
  private List<TextEdit> concurrentInsertsAndDeletes(Lib0Prng gen) {
    StringBuilder text = new StringBuilder(b2InitialText);
    List<TextEdit> edits = new ArrayList<>(2 * N);
    for (int i = 0; i < N; i++) {
      int index = gen.uint32(0, text.length());
      String insert = gen.word(3, 9);
      text.insert(index, insert);
      edits.add(TextEdit.insert(index, insert));
      if (text.length() == index || gen.bool()) {
        String second = gen.word(2, 10);
        text.insert(index, second);
        edits.add(TextEdit.insert(index, second));
      } else {
        int deleteCount = gen.uint32(1, Math.min(9, text.length() - index));
        text.delete(index, index + deleteCount);
        edits.add(TextEdit.delete(index, deleteCount));
      }
    }
    return List.copyOf(edits);
  }
}
