package dev.symphony.crdtbench.jmh;

import dev.symphony.crdtbench.engine.CrdtDoc;
import dev.symphony.crdtbench.suite.ScenarioRun;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The "(encodeTime)" and "(parseTime)" metrics on the document a scenario round produced. Both are
 * short for most scenarios, so they are averaged over many calls rather than timed once. Parsing
 * includes the result check, as in crdt-benchmarks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class EncodeParseBenchmark extends ScenarioState {

  private ScenarioRun run;
  private byte[] encoded;

  @Setup(Level.Trial)
  public void produceDocument() {
    open();
    run = selected.prepare(crdtEngine);
    run.update();
    encoded = run.encode();
  }

  @Benchmark
  public byte[] encodeTime() {
    return run.encode();
  }

  @Benchmark
  public int parseTime() {
    // Closing frees native documents at once; it costs nothing for JVM engines.
    try (CrdtDoc doc = run.parse(encoded)) {
      return doc.hashCode();
    }
  }

  @TearDown(Level.Trial)
  public void closeDocuments() {
    run.close();
    closeEngine();
  }
}
