package dev.symphony.load.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcSamplerTest {

  private static String stat(long pid, String comm, long ppid, long utime, long stime) {
    // fields 1..17 of /proc/<pid>/stat as Linux writes them
    return pid
        + " ("
        + comm
        + ") S "
        + ppid
        + " "
        + pid
        + " "
        + pid
        + " 0 -1 4194560 1000 0 0 0 "
        + utime
        + " "
        + stime
        + " 0 0 20 0 12 0 123456 987654321 4321\n";
  }

  private static void process(Path proc, long pid, String comm, long ppid, long ticks, long rssKib)
      throws IOException {
    process(proc, pid, comm, ppid, ticks, 0, rssKib);
  }

  private static void process(
      Path proc, long pid, String comm, long ppid, long userTicks, long kernelTicks, long rssKib)
      throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(dir.resolve("stat"), stat(pid, comm, ppid, userTicks, kernelTicks));
    Files.writeString(
        dir.resolve("status"),
        "Name:\t" + comm + "\nVmPeak:\t  999 kB\nVmRSS:\t  " + rssKib + " kB\nThreads:\t12\n");
  }

  @Test
  void statLinesParseEvenWithOddCommandNames() {
    ProcStat s =
        ProcStat.parse(stat(42, "node (worker) 1", 7, 150, 50), "Name:\tx\nVmRSS:\t 2048 kB\n");
    assertThat(s).isEqualTo(new ProcStat(42, 7, 200, 50, 2048));
    assertThat(ProcStat.rssKib("Name:\tkthreadd\n")).isZero();
  }

  @Test
  void aGroupIsItsRootsAndTheirDescendantsInPercentOfOneCore(@TempDir Path proc)
      throws IOException {
    process(proc, 10, "java", 1, 1_000, 100_000);
    process(proc, 11, "child", 10, 500, 20_000);
    process(proc, 12, "grandchild", 11, 0, 1_000);
    process(proc, 99, "other", 1, 7_000, 900_000);
    AtomicLong nanos = new AtomicLong();
    ProcSampler sampler = new ProcSampler(proc, 100, nanos::get);
    sampler.watch("server", 10);
    sampler.sampleNow(); // baseline
    // two seconds later: the root used 1.5 s of CPU, the child 0.5 s: one core's worth
    nanos.addAndGet(2_000_000_000L);
    // (of which 0.4 s in the kernel)
    process(proc, 10, "java", 1, 1_120, 30, 120_000);
    process(proc, 11, "child", 10, 540, 10, 20_000);
    sampler.sampleNow();

    ProcSampler.Series s = sampler.series("server").orElseThrow();
    assertThat(s.samples()).hasSize(1);
    assertThat(s.samples().get(0).cpuPercent()).isCloseTo(100.0, within(0.001));
    assertThat(s.samples().get(0).kernelCpuPercent()).isCloseTo(20.0, within(0.001));
    assertThat(s.meanKernelCpu()).isCloseTo(20.0, within(0.001));
    assertThat(s.samples().get(0).rssKib()).isEqualTo(141_000);
    assertThat(s.samples().get(0).processes()).isEqualTo(3);
    assertThat(s.maxRssKib()).isEqualTo(141_000);
  }

  @Test
  void aProcessThatEndedSimplyDropsOut(@TempDir Path proc) throws IOException {
    process(proc, 10, "java", 1, 100, 1_000);
    AtomicLong nanos = new AtomicLong();
    ProcSampler sampler = new ProcSampler(proc, 100, nanos::get);
    sampler.watch("server", 10, 11);
    sampler.sampleNow();
    nanos.addAndGet(1_000_000_000L);
    Files.delete(proc.resolve("10/stat"));
    sampler.sampleNow();
    assertThat(sampler.series("server").orElseThrow().samples().get(0).processes()).isZero();
  }

  @Test
  void coresReportHowBusyTheyWereWithAnything(@TempDir Path proc) throws IOException {
    AtomicLong nanos = new AtomicLong();
    ProcSampler sampler = new ProcSampler(proc, 100, nanos::get);
    sampler.watchCores("cores", new Cpus("1-2").ids());
    // user nice system idle iowait irq softirq steal
    Files.writeString(
        proc.resolve("stat"),
        "cpu  0 0 0 0 0 0 0 0\ncpu0 0 0 0 0 0 0 0 0\n"
            + "cpu1 100 0 0 100 0 0 0 0\ncpu2 100 0 0 100 0 0 0 0\n");
    sampler.sampleNow();
    nanos.addAndGet(1_000_000_000L);
    // in one second core 1 was fully busy, core 2 half busy (25 idle + 25 iowait)
    Files.writeString(
        proc.resolve("stat"),
        "cpu  0 0 0 0 0 0 0 0\ncpu0 0 0 0 0 0 0 0 0\n"
            + "cpu1 180 0 20 100 0 0 0 0\ncpu2 140 0 0 125 25 0 10 0\n");
    sampler.sampleNow();
    // kernel: 20 system ticks on core 1, 10 softirq ticks on core 2, over 100 ticks per core
    assertThat(sampler.series("cores").orElseThrow().samples())
        .singleElement()
        .satisfies(x -> assertThat(x.cpuPercent()).isCloseTo(150.0, within(0.001)))
        .satisfies(x -> assertThat(x.kernelCpuPercent()).isCloseTo(30.0, within(0.001)));
  }

  @Test
  void cpuListsExpand() {
    assertThat(new Cpus("0-2,5").ids()).containsExactly(0, 1, 2, 5);
    assertThat(Cpus.ANY.ids()).isEmpty();
    assertThat(Cpus.ANY.pin(java.util.List.of("java"))).containsExactly("java");
    if (Cpus.tasksetAvailable()) {
      assertThat(new Cpus("3").pin(java.util.List.of("java"))).endsWith("-c", "3", "java");
    }
  }

  @Test
  void theMeanCoversTheSteadyWindowOnly() {
    ProcSampler.Series s =
        new ProcSampler.Series(
            "server",
            10_000,
            java.util.List.of(
                new ProcSampler.Sample(1, 0, 0, 1, 1),
                new ProcSampler.Sample(2, 80, 20, 1, 1),
                new ProcSampler.Sample(3, 60, 10, 1, 1),
                new ProcSampler.Sample(4, 0, 0, 1, 1)));
    assertThat(s.meanCpu()).isCloseTo(35.0, within(0.001));
    // steady from 1.5 s to 3 s after the sampler started
    assertThat(s.steadyBetween(11_500, 13_000).meanCpu()).isCloseTo(70.0, within(0.001));
    assertThat(s.steadyBetween(11_500, 13_000).meanKernelCpu()).isCloseTo(15.0, within(0.001));
    assertThat(s.steadyBetween(11_500, 13_000).maxCpu()).isEqualTo(80.0);
  }
}
