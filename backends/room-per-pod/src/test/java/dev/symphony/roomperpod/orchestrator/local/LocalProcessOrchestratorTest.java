package dev.symphony.roomperpod.orchestrator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.roomperpod.orchestrator.OrchestratorException;
import dev.symphony.roomperpod.orchestrator.RoomBackend;
import dev.symphony.roomperpod.room.RoomProcessMain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessOrchestratorTest {

  private static final Duration READY = Duration.ofSeconds(30);

  @TempDir Path dataDir;

  @Test
  void concurrentEnsuresShareOneProcessWhichServesOnlyItsRoom() throws Exception {
    try (LocalRooms rooms = new LocalRooms(dataDir, Duration.ofSeconds(30))) {
      List<CompletableFuture<RoomBackend>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(
            CompletableFuture.supplyAsync(() -> rooms.orchestrator.ensure("shared", READY))
                .thenCompose(backend -> backend));
      }
      Set<Integer> ports =
          calls.stream().map(call -> call.join().port()).collect(Collectors.toSet());

      assertThat(ports).hasSize(1);
      assertThat(rooms.starts("shared")).isEqualTo(1);
      assertThat(rooms.orchestrator.active()).hasSize(1);
      // A client reaching the room process for another room is refused, with the reason.
      Closed closed = connect("ws://127.0.0.1:" + ports.iterator().next() + "/other");
      assertThat(closed.code()).isEqualTo(1008);
      assertThat(closed.reason()).contains("serves only room 'shared'");
    }
  }

  @Test
  void aProcessThatDiesAtStartUpFailsTheEnsureWithItsLastWordsAndIsCounted() throws Exception {
    RoomCommand withoutRoom =
        (roomId, host, port, dir, parent) ->
            RoomCommand.sameJvm(List.of(), RoomProcessMain.class.getName());
    try (LocalRooms rooms = new LocalRooms(dataDir, Duration.ofSeconds(30), withoutRoom)) {
      assertThatThrownBy(() -> rooms.orchestrator.ensure("broken", READY).join())
          .hasCauseInstanceOf(OrchestratorException.class)
          .hasMessageContaining("room process exited during start-up (code 1)")
          .hasMessageContaining("missing --room");
      assertThat(rooms.metrics.metrics().scrape())
          .containsPattern("symphony_orchestrator_start_failures_total\\{[^}]*\\} 1\\.0");

      // Through the proxy the client hears the reason in a 1013 close (y-websocket retries).
      Closed closed = connect(rooms.url() + "/broken");
      assertThat(closed.code()).isEqualTo(1013);
      assertThat(closed.reason()).contains("exited during start-up");
    }
  }

  @Test
  void aProcessNeverReadyIsKilledAtTheTimeout() throws Exception {
    RoomCommand silent = (roomId, host, port, dir, parent) -> List.of("sleep", "60");
    try (LocalRooms rooms = new LocalRooms(dataDir, Duration.ofSeconds(30), silent)) {
      assertThatThrownBy(() -> rooms.orchestrator.ensure("slow", Duration.ofSeconds(1)).join())
          .hasCauseInstanceOf(OrchestratorException.class)
          .hasMessageContaining("not ready within 1s");
      // The caller's timeout may answer a moment before the start loop has killed the process.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive)
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
    }
  }

  @Test
  void closingStopsEveryRoomProcess() throws Exception {
    LocalRooms rooms = new LocalRooms(dataDir, Duration.ofSeconds(30));
    List<ProcessHandle> started = new ArrayList<>();
    try {
      for (String room : List.of("one", "two")) {
        rooms.orchestrator.ensure(room, READY).get(60, TimeUnit.SECONDS);
        started.add(ProcessHandle.of(rooms.orchestrator.pid(room).getAsLong()).orElseThrow());
      }
    } finally {
      rooms.orchestrator.close();
    }
    assertThat(started).noneMatch(ProcessHandle::isAlive);
    assertThat(rooms.orchestrator.active()).isEmpty();
    assertThatThrownBy(() -> rooms.orchestrator.ensure("three", READY).join())
        .hasMessageContaining("the proxy is stopping");
    rooms.close();
  }

  record Closed(int code, String reason) {}

  /** Opens a WebSocket and waits for the server to close it. */
  static Closed connect(String url) throws InterruptedException, ExecutionException {
    CompletableFuture<Closed> closed = new CompletableFuture<>();
    try {
      HttpClient.newHttpClient()
          .newWebSocketBuilder()
          .buildAsync(
              URI.create(url),
              new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                  closed.complete(new Closed(code, reason));
                  return null;
                }

                @Override
                public void onError(WebSocket socket, Throwable error) {
                  closed.completeExceptionally(error);
                }
              })
          .get(60, TimeUnit.SECONDS);
      return closed.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no close from " + url, e);
    }
  }
}
