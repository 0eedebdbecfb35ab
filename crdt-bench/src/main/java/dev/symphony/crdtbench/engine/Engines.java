package dev.symphony.crdtbench.engine;

import dev.symphony.crdtbench.engine.automerge.AutomergeEngine;
import dev.symphony.crdtbench.engine.symphony.SymphonyEngine;
import dev.symphony.crdtbench.engine.ywasm.YwasmEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** The engines the harness knows, by id. */
public final class Engines {

  private static final Map<String, Supplier<CrdtEngine>> KNOWN = new LinkedHashMap<>();

  static {
    KNOWN.put(SymphonyEngine.ID, SymphonyEngine::new);
    KNOWN.put(AutomergeEngine.ID, AutomergeEngine::new);
    KNOWN.put(YwasmEngine.ID, YwasmEngine::new);
  }

  private Engines() {}

  /** The engines run when none are named. */
  public static List<String> defaultIds() {
    return List.copyOf(KNOWN.keySet());
  }

  public static List<String> knownIds() {
    return List.copyOf(KNOWN.keySet());
  }

  public static void requireKnown(String id) {
    if (!KNOWN.containsKey(id)) {
      throw new IllegalArgumentException("no engine " + id + "; known: " + KNOWN.keySet());
    }
  }

  /** A new engine instance (engines with expensive set-up, e.g. WebAssembly, do it here). */
  public static CrdtEngine create(String id) {
    Supplier<CrdtEngine> factory = KNOWN.get(id);
    if (factory == null) {
      throw new NoSuchElementException("no engine " + id + "; known: " + KNOWN.keySet());
    }
    return factory.get();
  }
}
