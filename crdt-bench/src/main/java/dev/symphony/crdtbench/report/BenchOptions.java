package dev.symphony.crdtbench.report;

import dev.symphony.crdtbench.engine.Engines;
import dev.symphony.crdtbench.suite.Scenario;
import dev.symphony.crdtbench.suite.Suite;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Command-line options of {@link BenchMain}; see {@link #USAGE}. */
record BenchOptions(
    List<String> engines,
    List<String> scenarios,
    List<String> nodeEngines,
    Path nodeDir,
    Path outDir,
    boolean quick,
    int forks,
    int warmupIterations,
    int measurementIterations,
    int iterationMillis,
    String heap,
    int nodeRounds) {

  static final String USAGE =
      """
      java -jar crdt-bench/target/benchmarks.jar [options]
        -e, --engines a,b      JVM engines (default: %s; known: %s)
        -b, --benchmarks ids   benchmark ids, e.g. B1.1,B4 or 'all' (default: all but B4x100)
        --node-engines a,b     engines run by the Node runner: yjs,ywasm,automerge or none
                               (default: yjs)
        --node-dir dir         the Node runner (default: <repo>/crdt-bench/node)
        --out dir              where results.md/json go (default: crdt-bench/target)
        --quick                run each benchmark once and check its result (no JMH, no Node)
        --forks n              JMH forks per benchmark (default 1)
        --warmup n             JMH warmup iterations (default: per benchmark, 3)
        --iterations n         JMH measurement iterations (default: per benchmark, 5)
        --iteration-ms n       JMH iteration time for encode/parse (default 500)
        --heap size            max heap of JMH forks and memory-probe JVMs (default 2g)
        --node-rounds n        rounds per benchmark in Node, best reported (default 5)
      """;

  static BenchOptions parse(String[] args, Path repoRoot) {
    List<String> engines = Engines.defaultIds();
    List<String> scenarios = Suite.defaults().stream().map(Scenario::id).toList();
    List<String> nodeEngines = List.of("yjs");
    Path nodeDir = repoRoot.resolve("crdt-bench/node");
    Path outDir = repoRoot.resolve("crdt-bench/target");
    boolean quick = false;
    int forks = 1;
    int warmup = -1;
    int iterations = -1;
    int iterationMillis = 0;
    String heap = "2g";
    int nodeRounds = 5;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-e", "--engines" -> engines = list(args[++i]);
        case "-b", "--benchmarks" -> scenarios = scenarioIds(args[++i]);
        case "--node-engines" -> nodeEngines = args[++i].equals("none") ? List.of() : list(args[i]);
        case "--node-dir" -> nodeDir = Path.of(args[++i]);
        case "--out" -> outDir = Path.of(args[++i]);
        case "--quick" -> quick = true;
        case "--forks" -> forks = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--iteration-ms" -> iterationMillis = Integer.parseInt(args[++i]);
        case "--heap" -> heap = args[++i];
        case "--node-rounds" -> nodeRounds = Integer.parseInt(args[++i]);
        case "-h", "--help" -> throw new IllegalArgumentException("usage");
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    scenarios.forEach(Suite::byId);
    engines.forEach(Engines::requireKnown);
    return new BenchOptions(
        engines,
        scenarios,
        nodeEngines,
        nodeDir.toAbsolutePath(),
        outDir.toAbsolutePath(),
        quick,
        forks,
        warmup,
        iterations,
        iterationMillis,
        heap,
        nodeRounds);
  }

  static String usage() {
    return USAGE.formatted(
        String.join(",", Engines.defaultIds()), String.join(",", Engines.knownIds()));
  }

  private static List<String> scenarioIds(String value) {
    if (value.equals("all")) {
      return Suite.all().stream().map(Scenario::id).toList();
    }
    return list(value);
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
