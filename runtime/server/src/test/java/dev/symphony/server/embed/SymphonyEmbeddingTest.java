package dev.symphony.server.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import dev.symphony.server.auth.AccessDeniedException;
import dev.symphony.server.auth.RoomGrant;
import dev.symphony.server.auth.Scope;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.yjs.YDoc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Each hook of the embedding API, with real connections: called, on its thread, as documented. */
class SymphonyEmbeddingTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Symphony.Builder builder() {
    return Symphony.builder().host("127.0.0.1").port(0);
  }

  private static URI ws(Symphony symphony) {
    return URI.create("ws://127.0.0.1:" + symphony.address().getPort());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  private static String text(RoomClient client) {
    return client.read(d -> d.getText("text").toString()).join();
  }

  /** The HTTP status of a WebSocket upgrade to {@code room} with {@code token} (101: admitted). */
  private static int upgrade(Symphony symphony, String room, String token) {
    String query = token == null ? "" : "?token=" + token;
    try {
      WebSocket socket =
          HTTP.newWebSocketBuilder()
              .buildAsync(
                  URI.create(ws(symphony) + "/" + room + query), new WebSocket.Listener() {})
              .join();
      socket.abort();
      return 101;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  @Test
  void onAuthenticateAdmitsWhatItGrantsOnAnEventLoop() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    OnAuthenticate hook =
        token -> {
          threads.add(Thread.currentThread().getName());
          return switch (token) {
            case "alice" ->
                new RoomGrant(
                    "docs-*", Scope.WRITE, "alice", "Alice", Instant.now().plusSeconds(3600));
            case "broken" -> throw new IllegalStateException("the hook has a bug");
            case "nobody" -> null;
            default -> throw AccessDeniedException.forbidden("unknown user");
          };
        };
    try (Symphony symphony = builder().onAuthenticate(hook).start()) {
      assertThat(upgrade(symphony, "docs-1", "alice")).isEqualTo(101);
      assertThat(upgrade(symphony, "other", "alice")).as("grant for docs-* only").isEqualTo(403);
      assertThat(upgrade(symphony, "docs-1", "mallory")).isEqualTo(403);
      assertThat(upgrade(symphony, "docs-1", "broken")).isEqualTo(401);
      assertThat(upgrade(symphony, "docs-1", "nobody")).isEqualTo(401);
      assertThat(upgrade(symphony, "docs-1", null))
          .as("no token: refused before the hook")
          .isEqualTo(401);
      assertThat(threads).hasSize(5).allSatisfy(name -> assertThat(name).startsWith("symphony-io"));
    }
  }

  @Test
  void onLoadSeedsARoomWithNothingStoredOnceOnAStorageThread() throws Exception {
    YDoc template = new YDoc();
    template.getText("text").insert(0, "from the template");
    byte[] seed = template.encodeStateAsUpdate();
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    MemoryDocumentStore store = new MemoryDocumentStore();
    OnLoad hook =
        roomId -> {
          calls.computeIfAbsent(roomId, id -> new AtomicInteger()).incrementAndGet();
          threads.add(Thread.currentThread().getName());
          Thread.sleep(200); // blocking is allowed here
          return roomId.equals("seeded") ? Optional.of(seed) : Optional.empty();
        };
    try (Symphony symphony = builder().documents(store).onLoad(hook).start();
        RoomClient seeded = RoomClient.connect(ws(symphony), "seeded");
        RoomClient plain = RoomClient.connect(ws(symphony), "plain")) {
      seeded.synced().get(20, TimeUnit.SECONDS);
      plain.synced().get(20, TimeUnit.SECONDS);
      await("the seed at the client", () -> text(seeded).equals("from the template"));
      assertThat(text(plain)).isEmpty();
      assertThat(store.load("seeded")).as("the seed is stored at once").hasValue(seed);
      assertThat(store.load("plain")).isEmpty();
      assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("symphony-store-"));
    }
    // Loaded again (a fresh server on the same store): the stored seed is used, the hook not asked.
    try (Symphony again = builder().documents(store).onLoad(hook).start();
        RoomClient client = RoomClient.connect(ws(again), "seeded")) {
      client.synced().get(20, TimeUnit.SECONDS);
      await("the stored seed", () -> text(client).equals("from the template"));
    }
    assertThat(calls.get("seeded")).hasValue(1);
  }

  @Test
  void onStoreIsToldOfEverySnapshotOnAStorageThread() throws Exception {
    List<byte[]> snapshots = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    ServerConfig config =
        ServerConfig.defaults()
            .withRooms(RoomSettings.defaults().withCheckpointInterval(Duration.ofMillis(200)));
    try (Symphony symphony =
            builder()
                .config(config)
                .host("127.0.0.1")
                .port(0)
                .onStore(
                    (roomId, snapshot) -> {
                      if (roomId.equals("stored")) {
                        threads.add(Thread.currentThread().getName());
                        snapshots.add(snapshot);
                      }
                    })
                .start();
        RoomClient client = RoomClient.connect(ws(symphony), "stored")) {
      client.synced().get(20, TimeUnit.SECONDS);
      client.change(d -> d.getText("text").insert(0, "keep me")).get();
      await(
          "a snapshot with the edit",
          () -> !snapshots.isEmpty() && textOf(last(snapshots)).equals("keep me"));
      assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("symphony-store-"));
    }
  }

  @Test
  void onChangeIsDebouncedMergedAndNeverHoldsTheRoomUp() throws Exception {
    List<DocumentChange> changes = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    OnChange hook =
        change -> {
          threads.add(Thread.currentThread().getName());
          changes.add(change);
          if (changes.size() == 1) {
            release.await(20, TimeUnit.SECONDS); // a hook that blocks
          }
        };
    try (Symphony symphony = builder().onChange(Duration.ofSeconds(1), hook).start();
        RoomClient writer = RoomClient.connect(ws(symphony), "changing");
        RoomClient reader = RoomClient.connect(ws(symphony), "changing")) {
      writer.synced().get(20, TimeUnit.SECONDS);
      reader.synced().get(20, TimeUnit.SECONDS);
      for (String word : List.of("one ", "two ", "three ", "four ", "five ")) {
        writer.change(d -> d.getText("text").insert(d.getText("text").length(), word)).get();
      }
      await("the debounced change", () -> changes.size() == 1);
      DocumentChange first = changes.get(0);
      assertThat(first.roomId()).isEqualTo("changing");
      assertThat(first.changes()).isEqualTo(5);
      assertThat(textOf(first.update())).isEqualTo("one two three four five ");

      // The hook is blocked now; the room is not.
      long start = System.nanoTime();
      writer.change(d -> d.getText("text").insert(0, "> ")).get();
      await("the reader to see the edit", () -> text(reader).startsWith("> "));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(changes).hasSize(1);

      release.countDown();
      await("the change made while the hook was busy", () -> changes.size() == 2);
      assertThat(changes.get(1).changes()).isEqualTo(1);
      assertThat(threads).containsOnly("symphony-hooks");
    }
  }

  @Test
  void closeDeliversChangesStillInTheirDebounce() throws Exception {
    List<DocumentChange> changes = new CopyOnWriteArrayList<>();
    Symphony symphony = builder().onChange(Duration.ofMinutes(5), changes::add).start();
    try (RoomClient client = RoomClient.connect(ws(symphony), "pending")) {
      client.synced().get(20, TimeUnit.SECONDS);
      client.change(d -> d.getText("text").insert(0, "last words")).get();
      await("the edit at the server", () -> symphony.document("pending").join().length > 10);
    } finally {
      symphony.close();
    }
    assertThat(changes).hasSize(1);
    assertThat(textOf(changes.get(0).update())).isEqualTo("last words");
  }

  @Test
  void onConnectAndOnDisconnectAreToldOnTheHookThread() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    try (Symphony symphony =
        builder()
            .onConnect(
                event -> {
                  threads.add(Thread.currentThread().getName());
                  events.add(
                      "+" + event.roomId() + " " + event.connections() + " " + event.mayWrite());
                })
            .onDisconnect(
                event -> {
                  threads.add(Thread.currentThread().getName());
                  events.add("-" + event.roomId() + " " + event.connections());
                })
            .start()) {
      RoomClient first = RoomClient.connect(ws(symphony), "lobby");
      first.synced().get(20, TimeUnit.SECONDS);
      await("the first join", () -> events.size() == 1);
      RoomClient second = RoomClient.connect(ws(symphony), "lobby");
      second.synced().get(20, TimeUnit.SECONDS);
      await("the second join", () -> events.size() == 2);
      first.close();
      await("the first to leave", () -> events.size() == 3);
      second.close();
      await("the second to leave", () -> events.size() == 4);
      assertThat(events).containsExactly("+lobby 1 true", "+lobby 2 true", "-lobby 1", "-lobby 0");
      assertThat(threads).containsOnly("symphony-hooks");
    }
  }

  private static byte[] last(List<byte[]> list) {
    return list.get(list.size() - 1);
  }

  private static String textOf(byte[] update) {
    YDoc doc = new YDoc();
    try {
      doc.applyUpdate(update);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return doc.getText("text").toString();
  }
}
