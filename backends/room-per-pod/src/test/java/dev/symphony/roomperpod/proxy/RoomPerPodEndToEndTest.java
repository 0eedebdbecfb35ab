package dev.symphony.roomperpod.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.roomperpod.orchestrator.local.LocalRooms;
import dev.symphony.server.testing.NodeScripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Yjs clients (yjs + y-websocket in Node) through the proxy, each room in its own process
 * started by the local-process orchestrator.
 */
class RoomPerPodEndToEndTest {

  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dataDir;
  private LocalRooms rooms;

  @BeforeEach
  void start() throws InterruptedException {
    NodeScripts.requireNode();
    rooms = new LocalRooms(dataDir, GRACE);
  }

  @AfterEach
  void stop() {
    rooms.close();
  }

  @Test
  void clientsSyncConvergeAndHoldPresenceEachRoomInItsOwnProcess() {
    node("pair", "alpha");
    long alpha = pid("alpha");
    node("pair", "beta room/ü");
    long beta = pid("beta room/ü");

    // Each pid was a live room process when read; the first may have ended idle since.
    assertThat(alpha).isNotEqualTo(beta).isNotEqualTo(ProcessHandle.current().pid());
    assertThat(rooms.starts("alpha")).isEqualTo(1);
    assertThat(rooms.starts("beta room/ü")).isEqualTo(1);
    String scrape = rooms.metrics.metrics().scrape();
    assertThat(scrape)
        .contains("symphony_orchestrator_cold_start_seconds_count{")
        .contains("symphony_orchestrator_backends_active{")
        .containsPattern("symphony_proxy_relay_bytes_total\\{direction=\"to_client\".*\\} [1-9]");
  }

  @Test
  void idleRoomProcessExitsAfterTheGraceAndItsDocumentIsIntactAtTheNextJoin() throws Exception {
    node("write", "idle", "kept across processes");
    long first = pid("idle");

    ProcessHandle.of(first)
        .map(ProcessHandle::onExit)
        .orElseThrow()
        .get(30, TimeUnit.SECONDS); // grace 2s, then its final checkpoint

    node("expect", "idle", "kept across processes");
    assertThat(pid("idle")).isNotEqualTo(first);
    assertThat(rooms.starts("idle")).isEqualTo(2);
  }

  @Test
  void killedRoomProcessIsRestartedAtTheNextJoinWithEveryLoggedUpdate() throws Exception {
    node("write", "crash", "one ");
    node("write", "crash", "two");
    long first = pid("crash");

    ProcessHandle victim = ProcessHandle.of(first).orElseThrow();
    assertThat(victim.destroyForcibly()).isTrue(); // SIGKILL: no checkpoint, only the update log
    victim.onExit().get(10, TimeUnit.SECONDS);

    node("expect", "crash", "one two");
    assertThat(pid("crash")).isNotEqualTo(first);
  }

  @Test
  void clientsArrivingTogetherForANewRoomStartOneProcess() {
    node("burst", "crowd", "12");

    assertThat(rooms.starts("crowd")).isEqualTo(1);
    long javaChildren =
        ProcessHandle.current()
            .children()
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().orElse("").endsWith("java"))
            .count();
    assertThat(javaChildren).as("room processes running").isEqualTo(1);
  }

  private void node(String scenario, String room, String... argument) {
    java.util.List<String> arguments =
        new java.util.ArrayList<>(java.util.List.of("roomperpod.mjs", scenario, rooms.url(), room));
    arguments.addAll(java.util.List.of(argument));
    NodeScripts.node(SCRIPT_TIMEOUT, arguments.toArray(String[]::new)).assertSucceeded();
  }

  private long pid(String room) {
    java.util.OptionalLong pid = rooms.orchestrator.pid(room);
    assertThat(pid).as("a running process for room %s", room).isPresent();
    return pid.getAsLong();
  }
}
