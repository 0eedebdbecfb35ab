package dev.symphony.load.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuShareTest {

  @TempDir Path root;

  @Test
  void cgroupV1GetsPeriodAndQuota() throws Exception {
    Files.createDirectories(root.resolve("cpu"));
    Files.writeString(root.resolve("cpu/cpu.cfs_quota_us"), "-1");

    CpuShare share = CpuShare.create(0.25, root, "run");

    assertThat(Files.readString(root.resolve("cpu/run/cpu.cfs_period_us"))).isEqualTo("10000");
    assertThat(Files.readString(root.resolve("cpu/run/cpu.cfs_quota_us"))).isEqualTo("2500");
    assertThat(share).hasToString("25% of a core");

    share.lift();
    assertThat(Files.readString(root.resolve("cpu/run/cpu.cfs_quota_us"))).isEqualTo("-1");
    share.enforce();
    assertThat(Files.readString(root.resolve("cpu/run/cpu.cfs_quota_us"))).isEqualTo("2500");
  }

  @Test
  void cgroupV2GetsCpuMax() throws Exception {
    Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");

    CpuShare share = CpuShare.create(0.1, root, "run");

    assertThat(Files.readString(root.resolve("run/cpu.max"))).isEqualTo("1000 10000");
    share.lift();
    assertThat(Files.readString(root.resolve("run/cpu.max"))).isEqualTo("max 10000");
  }

  @Test
  void withoutACpuControllerItSaysSo() {
    assertThatThrownBy(() -> CpuShare.create(0.5, root, "run"))
        .hasMessageContaining("no cgroup cpu controller under " + root);
  }

  @Test
  void sharesOutsideWhatTheKernelTakesAreRefused() {
    assertThatThrownBy(() -> CpuShare.quotaMicros(0))
        .hasMessageContaining("fraction of one core in (0, 1]");
    assertThatThrownBy(() -> CpuShare.quotaMicros(1.5))
        .hasMessageContaining("fraction of one core in (0, 1]");
    assertThatThrownBy(() -> CpuShare.quotaMicros(0.05)).hasMessageContaining("use at least 0.1");
    assertThat(CpuShare.quotaMicros(1)).isEqualTo(10_000);
  }

  @Test
  void aShareIsWrittenAsFractionOrPercent() {
    assertThat(RunSettings.parseShare("0.2")).isEqualTo(0.2);
    assertThat(RunSettings.parseShare("20%")).isEqualTo(0.2);
    assertThatThrownBy(() -> RunSettings.parseShare("a fifth"))
        .hasMessageContaining("such as 0.25 or 25%");
  }

  @Test
  void aCommandStartsInsideTheGroupAndTasksetStillPins() throws Exception {
    Files.createDirectories(root.resolve("cpu"));
    Files.writeString(root.resolve("cpu/cpu.cfs_quota_us"), "-1");
    CpuShare share = CpuShare.create(0.5, root, "run");

    List<String> command = Cpus.ANY.limitedTo(share).pin(List.of("java", "-version"));

    assertThat(command)
        .containsExactly(
            "/bin/sh",
            "-c",
            "echo $$ > \"$0\" && exec \"$@\"",
            root.resolve("cpu/run/cgroup.procs").toString(),
            "java",
            "-version");
    Process p =
        new ProcessBuilder(Cpus.ANY.limitedTo(share).pin(List.of("echo", "hello")))
            .redirectErrorStream(true)
            .start();
    assertThat(new String(p.getInputStream().readAllBytes())).isEqualTo("hello\n");
    assertThat(p.waitFor()).isZero();
    assertThat(Files.readString(root.resolve("cpu/run/cgroup.procs")).trim())
        .isEqualTo(Long.toString(p.pid()));
  }

  @Test
  void onThisMachinesCgroupsTheProcessRunsInsideTheGroup() throws Exception {
    Path v1 = Path.of("/sys/fs/cgroup/cpu");
    Assumptions.assumeTrue(
        Files.isWritable(v1) && Files.exists(v1.resolve("cpu.cfs_quota_us")),
        "needs a writable cgroup v1 cpu controller (root)");
    try (CpuShare share = CpuShare.create(0.5, Path.of("/sys/fs/cgroup"), "symphony-load-test")) {
      Process p =
          new ProcessBuilder(Cpus.ANY.limitedTo(share).pin(List.of("cat", "/proc/self/cgroup")))
              .redirectErrorStream(true)
              .start();
      String cgroups = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).isZero();
      assertThat(cgroups).contains(":cpu:/symphony-load-test");
      assertThat(Files.readString(share.group().resolve("cpu.cfs_quota_us")).trim())
          .isEqualTo("5000");
    }
    assertThat(v1.resolve("symphony-load-test")).doesNotExist();
  }
}
