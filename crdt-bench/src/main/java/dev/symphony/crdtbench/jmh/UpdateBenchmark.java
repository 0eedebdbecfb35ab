package dev.symphony.crdtbench.jmh;

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
 * The "(time)" metric: one scenario round on fresh documents per measurement, as crdt-benchmarks
 * times it (changes, syncing the replicas, and the result check).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class UpdateBenchmark extends ScenarioState {

  private ScenarioRun run;

  @Setup(Level.Trial)
  public void openEngine() {
    open();
  }

  @Setup(Level.Iteration)
  public void freshDocuments() {
    run = selected.prepare(crdtEngine);
  }

  @Benchmark
  public void time() {
    run.update();
  }

  @TearDown(Level.Iteration)
  public void closeDocuments() {
    run.close();
  }

  @TearDown(Level.Trial)
  public void release() {
    closeEngine();
  }
}
