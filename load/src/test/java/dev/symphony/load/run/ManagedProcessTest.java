package dev.symphony.load.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

  private static final Cpus UNPINNED = new Cpus(null);

  @Test
  void portsHandedOutTogetherAreDistinctAndFree() throws IOException {
    List<Integer> ports = ManagedProcess.freePorts(50);
    assertThat(new HashSet<>(ports)).hasSize(50);
    for (int port : ports) {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress("127.0.0.1", port));
      }
    }
  }

  @Test
  void twoProcessesOnOnePortAreRefusedBeforeAnyWait(@TempDir Path dir) throws Exception {
    try (ManagedProcess a = sleeper("a", dir);
        ManagedProcess b = sleeper("b", dir)) {
      assertThatThrownBy(
              () -> ManagedProcess.awaitAll(List.of(a, b), List.of(7, 7), Duration.ofSeconds(5)))
          .hasMessageContaining("same port");
    }
  }

  @Test
  void aProcessThatDiesAfterItsPortAnsweredFailsTheStart(@TempDir Path dir) throws Exception {
    // Someone else already listens on the first process's port, so that port answers at once
    // although the process itself is about to exit (as a server that lost its port does).
    int latePort = ManagedProcess.freePorts(1).get(0);
    try (ServerSocket someoneElse = listen();
        ManagedProcess dying =
            ManagedProcess.start(
                "dying",
                List.of("sh", "-c", "echo 'Address already in use'; sleep 0.3; exit 1"),
                dir,
                Map.of(),
                dir.resolve("dying.log"),
                UNPINNED);
        ManagedProcess healthy = sleeper("healthy", dir)) {
      Thread opener =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      Thread.sleep(1_000);
                      ServerSocket s = new ServerSocket();
                      s.bind(new InetSocketAddress("127.0.0.1", latePort));
                      Thread.sleep(5_000);
                      s.close();
                    } catch (IOException | InterruptedException ignored) {
                      // the test has failed or ended
                    }
                  });
      assertThatThrownBy(
              () ->
                  ManagedProcess.awaitAll(
                      List.of(dying, healthy),
                      List.of(someoneElse.getLocalPort(), latePort),
                      Duration.ofSeconds(10)))
          .hasMessageContaining("dying exited after its port opened")
          .hasMessageContaining("Address already in use");
      opener.interrupt();
    }
  }

  private static ServerSocket listen() throws IOException {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress("127.0.0.1", 0));
    return s;
  }

  private static ManagedProcess sleeper(String name, Path dir) throws IOException {
    return ManagedProcess.start(
        name, List.of("sleep", "30"), dir, Map.of(), dir.resolve(name + ".log"), UNPINNED);
  }
}
