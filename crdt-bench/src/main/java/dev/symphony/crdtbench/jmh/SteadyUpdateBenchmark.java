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
 * The "(time)" metric of the millisecond-scale benchmarks: the same round as {@link
 * UpdateBenchmark} (changes, syncing the replicas, the result check) on fresh documents each time,
 * timed as an average over one-second iterations after a time-based warm-up, so the figure is the
 * JIT-compiled steady state rather than the first few interpreted calls. (A single shot per fresh
 * JVM measures the JIT's warm-up, not the engine.)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SteadyUpdateBenchmark extends ScenarioState {

  private ScenarioRun run;

  @Setup(Level.Trial)
  public void openEngine() {
    open();
  }

  @Setup(Level.Invocation)
  public void freshDocuments() {
    run = selected.prepare(crdtEngine);
  }

  @Benchmark
  public void time() {
    run.update();
  }

  @TearDown(Level.Invocation)
  public void closeDocuments() {
    run.close();
  }

  @TearDown(Level.Trial)
  public void release() {
    closeEngine();
  }
}
