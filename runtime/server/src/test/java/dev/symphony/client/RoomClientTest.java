package dev.symphony.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoomClientTest {

  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RoomClient join(String room) throws Exception {
    RoomClient client = RoomClient.connect(server.wsUrl(), room);
    clients.add(client);
    client.synced().get(10, TimeUnit.SECONDS);
    return client;
  }

  /** Polls until the condition holds: sync across a network is eventually consistent. */
  private final java.util.List<RoomClient> clients = new java.util.ArrayList<>();

  private void eventually(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        StringBuilder state = new StringBuilder("condition not met within 10 s");
        for (RoomClient c : clients) {
          state
              .append("\n  ")
              .append(c.clientId())
              .append(' ')
              .append(c.status())
              .append(" last close: ")
              .append(c.lastClose())
              .append(" presence: ")
              .append(c.presence())
              .append(' ')
              .append(c.read(d -> d.toJson()).join());
        }
        throw new AssertionError(state.toString());
      }
      Thread.sleep(20);
    }
  }

  private static String json(RoomClient client) {
    return client.read(d -> d.toJson()).join();
  }

  @Test
  void twoClientsShareTextMapAndArray() throws Exception {
    try (RoomClient ann = join("shared");
        RoomClient bob = join("shared")) {
      ann.change(
              d -> {
                d.getText("text").insert(0, "hello");
                d.getMap("map").set("k", "v");
                d.getArray("list").insert(0, List.of(1, 2));
              })
          .join();
      eventually(() -> bob.read(d -> d.getText("text").toString()).join().equals("hello"));
      bob.change(d -> d.getText("text").insert(0, ">> ")).join();

      eventually(() -> json(ann).equals(json(bob)) && json(bob).contains("hello"));
      assertThat(bob.read(d -> d.getText("text").toString()).join()).isEqualTo(">> hello");
      assertThat(bob.read(d -> d.getMap("map").get("k")).join()).isEqualTo("v");
      assertThat(ann.read(d -> d.getArray("list").length()).join()).isEqualTo(2);
    }
  }

  @Test
  void aLateJoinerGetsTheWholeDocument() throws Exception {
    try (RoomClient ann = join("late")) {
      ann.change(d -> d.getText("t").insert(0, "written before bob came")).join();
      eventually(() -> server.server.rooms().size() == 1);
      try (RoomClient bob = join("late")) {
        eventually(
            () ->
                bob.read(d -> d.getText("t").toString()).join().equals("written before bob came"));
      }
    }
  }

  @Test
  void offlineEditsMergeOnReconnect() throws Exception {
    try (RoomClient ann = join("offline");
        RoomClient bob = join("offline")) {
      ann.change(d -> d.getText("t").insert(0, "base")).join();
      eventually(() -> json(bob).equals(json(ann)));

      bob.disconnect().join();
      bob.change(d -> d.getText("t").insert(4, " from bob offline")).join();
      ann.change(d -> d.getText("t").insert(0, "ann online: ")).join();
      bob.reconnect().get(10, TimeUnit.SECONDS);

      eventually(() -> json(bob).equals(json(ann)));
      assertThat(ann.read(d -> d.getText("t").toString()).join())
          .isEqualTo("ann online: base from bob offline");
    }
  }

  @Test
  void presenceAppearsAndDisappears() throws Exception {
    try (RoomClient ann = join("presence")) {
      ann.setPresence("{\"name\":\"Ann\"}").join();
      try (RoomClient bob = join("presence")) {
        eventually(() -> "{\"name\":\"Ann\"}".equals(bob.presence().get(ann.clientId())));
        bob.setPresence("{\"name\":\"Bob\"}").join();
        eventually(() -> "{\"name\":\"Bob\"}".equals(ann.presence().get(bob.clientId())));
      }
      eventually(() -> !ann.presence().containsKey(annOther(ann)));
      assertThat(ann.presence()).containsOnlyKeys(ann.clientId());
    }
  }

  /** Any id but ann's own: after bob left, none may remain. */
  private static long annOther(RoomClient ann) {
    return ann.presence().keySet().stream()
        .filter(id -> id != ann.clientId())
        .findFirst()
        .orElse(-1L);
  }

  @Test
  void theClientReconnectsByItselfAfterTheConnectionDrops() throws Exception {
    try (RoomClient ann = join("drop");
        RoomClient bob = join("drop")) {
      ann.dropConnection();
      ann.change(d -> d.getMap("m").set("while", "dropped")).join();

      eventually(() -> ann.status() == RoomClient.Status.SYNCED);
      eventually(() -> "dropped".equals(bob.read(d -> d.getMap("m").get("while")).join()));
      Map<Long, String> presence = bob.presence();
      assertThat(presence).doesNotContainKey(-1L);
    }
  }
}
