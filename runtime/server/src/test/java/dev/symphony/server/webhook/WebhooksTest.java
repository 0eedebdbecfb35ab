package dev.symphony.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.symphony.client.RoomClient;
import dev.symphony.server.RoomServer;
import dev.symphony.server.ServerSetup;
import dev.symphony.server.config.ObservabilityConfig;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.room.RoomSettings;
import dev.symphony.server.room.UpdateOrigin;
import dev.symphony.server.store.JdbcRoomCatalog;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.UpdateLog;
import dev.symphony.server.testing.WebhookReceiver;
import dev.symphony.server.testing.WebhookReceiver.Delivery;
import dev.symphony.yjs.YDoc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end: a real server with an H2 catalog, real clients editing, and a real HTTP
 * receiver that checks every signature.
 */
class WebhooksTest {

  private static final String SECRET = "test-secret";

  @TempDir Path temp;

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @Test
  void everyEventArrivesSignedAndInOrder() throws Exception {
    WebhookReceiver receiver = closeLater(WebhookReceiver.start(SECRET));
    RoomServer server = closeLater(start(settings(receiver).withDebounce(Duration.ZERO)));

    RoomClient client = connect(server, "alpha");
    for (String text : List.of("a", "b", "c")) {
      client.change(doc -> doc.getText("t").insert(0, text)).get(10, TimeUnit.SECONDS);
    }
    byte[] stateVector = client.read(YDoc::encodeStateVector).get(10, TimeUnit.SECONDS);
    client.close();
    receiver.await(d -> d.type().equals("room.stored"), 20);

    List<Delivery> events = receiver.events();
    assertThat(events).allMatch(Delivery::signatureValid, "signed with the shared secret");
    assertThat(events).allMatch(d -> d.eventId().equals(d.event().get("id").asText()));
    assertThat(types(events, "alpha"))
        .containsExactly(
            "room.created",
            "user.joined",
            "room.changed",
            "room.changed",
            "room.changed",
            "user.left",
            "room.stored");
    Delivery lastChange = last(events, "room.changed");
    assertThat(Base64.getDecoder().decode(lastChange.event().at("/data/stateVector").asText()))
        .isEqualTo(stateVector);
    assertThat(lastChange.event().at("/data/documentBytes").asLong()).isPositive();
    Delivery joined = last(events, "user.joined");
    assertThat(joined.event().at("/data/remoteAddress").asText()).contains("127.0.0.1");
    assertThat(joined.event().at("/data/connections").asInt()).isEqualTo(1);
    assertThat(last(events, "room.stored").event().at("/data/documentBytes").asLong()).isPositive();
    assertThat(receiver.deliveries()).hasSameSizeAs(events); // nothing needed a retry

    // The catalog knows the room now: joining again is no creation.
    RoomClient again = connect(server, "alpha");
    again.close();
    receiver.await(d -> d.type().equals("user.left") && count(receiver, "user.left") == 2, 20);
    assertThat(count(receiver, "room.created")).isEqualTo(1);
    eventually(() -> pending(server) == 0);
  }

  @Test
  void eventsWaitWhileTheReceiverIsDownAndAllArriveOnceItIsBack() throws Exception {
    WebhookReceiver receiver = closeLater(WebhookReceiver.down(SECRET));
    RoomServer server = closeLater(start(settings(receiver).withDebounce(Duration.ZERO)));

    for (String room : List.of("r1", "r2")) {
      RoomClient client = connect(server, room);
      for (int i = 0; i < 5; i++) {
        int n = i;
        client.change(doc -> doc.getText("t").insert(0, "x" + n)).get(10, TimeUnit.SECONDS);
      }
      client.close();
    }
    // created, joined, 5 changed, left, stored: 9 per room, all waiting while the port refuses.
    eventually(() -> pending(server) == 18 && outboxRows(server) == 18);
    eventually(() -> failures(server, "refused") >= 2); // retried with backoff meanwhile
    assertThat(receiver.deliveries()).isEmpty();

    receiver.up();
    eventually(() -> receiver.events().size() == 18);
    eventually(() -> pending(server) == 0);
    assertThat(receiver.deliveries())
        .hasSize(18); // refused attempts never reached it: no duplicates
    assertThat(receiver.deliveries()).allMatch(Delivery::signatureValid);
    for (String room : List.of("r1", "r2")) {
      assertThat(types(receiver.events(), room))
          .containsExactly(
              "room.created",
              "user.joined",
              "room.changed",
              "room.changed",
              "room.changed",
              "room.changed",
              "room.changed",
              "user.left",
              "room.stored");
    }
    assertThat(outboxRows(server)).isZero();
    assertThat(server.metrics().registry().get("symphony.webhook.delivery.latency").timer().count())
        .isEqualTo(18);

    // A receiver answering 503 gets the same event again (same id, next attempt) until it takes it.
    receiver.failNext(3);
    RoomClient client = connect(server, "r1");
    client.change(doc -> doc.getText("t").insert(0, "late")).get(10, TimeUnit.SECONDS);
    client.close();
    receiver.await(d -> d.type().equals("room.stored") && count(receiver, "room.stored") == 3, 30);
    eventually(() -> pending(server) == 0);
    Map<String, List<Delivery>> byId = new HashMap<>();
    receiver
        .deliveries()
        .forEach(d -> byId.computeIfAbsent(d.eventId(), k -> new ArrayList<>()).add(d));
    List<List<Delivery>> repeated =
        byId.values().stream().filter(copies -> copies.size() > 1).toList();
    assertThat(repeated).hasSize(1);
    assertThat(repeated.get(0)).extracting(Delivery::attempt).containsExactly(1, 2, 3, 4);
    assertThat(failures(server, "status")).isEqualTo(3);
    assertThat(types(receiver.events(), "r1"))
        .endsWith("user.joined", "room.changed", "user.left", "room.stored");
  }

  @Test
  void processesSharingTheCatalogSendEachEventOnceAndInOrder() throws Exception {
    WebhookReceiver receiver = closeLater(WebhookReceiver.down(SECRET));
    WebhookSettings settings = settings(receiver).withDebounce(Duration.ZERO);
    RoomServer a = closeLater(start(settings));
    RoomServer b = closeLater(start(settings)); // same catalog database, another "process"
    for (RoomServer server : List.of(a, b)) {
      String room = server == a ? "on-a" : "on-b";
      RoomClient client = connect(server, room);
      for (int i = 0; i < 3; i++) {
        int n = i;
        client.change(doc -> doc.getText("t").insert(0, "x" + n)).get(10, TimeUnit.SECONDS);
      }
      client.close();
    }
    // created, joined, 3 changed, left, stored: 7 per room, raised by the two servers.
    eventually(() -> outboxRows(a) == 14);
    assertThat(pending(a)).isEqualTo(14);
    assertThat(pending(b)).isEqualTo(14);

    receiver.up();
    eventually(() -> receiver.events().size() == 14);
    eventually(() -> pending(a) == 0 && pending(b) == 0);
    Thread.sleep(500); // a second sender would show up as duplicates by now
    assertThat(receiver.deliveries()).hasSize(14);
    for (String room : List.of("on-a", "on-b")) {
      assertThat(types(receiver.events(), room))
          .containsExactly(
              "room.created",
              "user.joined",
              "room.changed",
              "room.changed",
              "room.changed",
              "user.left",
              "room.stored");
    }
  }

  @Test
  void roomChangedIsDebouncedPerRoom() throws Exception {
    WebhookReceiver receiver = closeLater(WebhookReceiver.start(SECRET));
    Duration debounce = Duration.ofMillis(500);
    RoomServer server = closeLater(start(settings(receiver).withDebounce(debounce)));

    RoomClient client = connect(server, "busy");
    long started = System.nanoTime();
    for (int i = 0; i < 30; i++) {
      int n = i;
      client.change(doc -> doc.getText("t").insert(0, "k" + n)).get(10, TimeUnit.SECONDS);
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    byte[] stateVector = client.read(YDoc::encodeStateVector).get(10, TimeUnit.SECONDS);
    String expected = Base64.getEncoder().encodeToString(stateVector);
    receiver.await(
        d ->
            d.type().equals("room.changed")
                && d.event().at("/data/stateVector").asText().equals(expected),
        20);
    Thread.sleep(debounce.toMillis() * 2); // nothing more should come for these changes
    long changed = count(receiver, "room.changed");
    assertThat(changed).isBetween(1L, elapsedMillis / debounce.toMillis() + 2);
    assertThat(changed).isLessThan(30);

    // After a quiet spell the next change is reported again, within about one window.
    client.change(doc -> doc.getText("t").insert(0, "later")).get(10, TimeUnit.SECONDS);
    long before = System.nanoTime();
    receiver.await(d -> count(receiver, "room.changed") == changed + 1, 10);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before))
        .isGreaterThanOrEqualTo(debounce.toMillis() - 100);
    client.close();
  }

  @Test
  void aRestartDeliversWhatWasPending() throws Exception {
    WebhookReceiver receiver = closeLater(WebhookReceiver.down(SECRET));
    WebhookSettings settings = settings(receiver).withDebounce(Duration.ZERO);
    try (RoomServer first = start(settings)) {
      RoomClient client = connect(first, "kept");
      client.change(doc -> doc.getText("t").insert(0, "one")).get(10, TimeUnit.SECONDS);
      client.change(doc -> doc.getText("t").insert(0, "two")).get(10, TimeUnit.SECONDS);
      client.close();
      eventually(() -> pending(first) == 6); // created, joined, 2 changed, left, stored
    }
    receiver.up();
    RoomServer second = closeLater(start(settings));
    eventually(() -> receiver.events().size() == 6);
    assertThat(types(receiver.events(), "kept"))
        .containsExactly(
            "room.created",
            "user.joined",
            "room.changed",
            "room.changed",
            "user.left",
            "room.stored");
    assertThat(receiver.deliveries()).allMatch(Delivery::signatureValid);
    eventually(() -> pending(second) == 0);
  }

  @Test
  void serverChangesAreReportedAndReplicatedOnesLeftToTheirNode() throws Exception {
    WebhookReceiver receiver = closeLater(WebhookReceiver.start(SECRET));
    RoomServer server = closeLater(start(settings(receiver).withDebounce(Duration.ZERO)));
    YDoc source = new YDoc();
    source.getText("t").insert(0, "from another node");
    byte[] replicated = source.encodeStateAsUpdate();
    server
        .rooms()
        .withRoom(
            "api", room -> room.applyExternalUpdate(replicated, new UpdateOrigin.Replica("n2")))
        .get(10, TimeUnit.SECONDS);
    byte[] before = source.encodeStateVector();
    source.getText("t").insert(0, "server edit: ");
    byte[] local = source.encodeStateAsUpdate(before);
    server
        .rooms()
        .withRoom("api", room -> room.applyExternalUpdate(local, new UpdateOrigin.Server("test")))
        .get(10, TimeUnit.SECONDS);
    String expected = Base64.getEncoder().encodeToString(source.encodeStateVector());
    receiver.await(
        d ->
            d.type().equals("room.changed")
                && d.event().at("/data/stateVector").asText().equals(expected),
        20);
    Thread.sleep(300);
    // (the room, without connections, unloads after its grace: room.stored may follow)
    assertThat(types(receiver.events(), "api")).startsWith("room.created", "room.changed");
    assertThat(count(receiver, "room.changed")).isEqualTo(1);
  }

  @Test
  void userEventsCarryTheTokensSubjectAndName() throws Exception {
    byte[] key =
        "a-room-token-secret-of-32-bytes!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    WebhookReceiver receiver = closeLater(WebhookReceiver.start(SECRET));
    RoomServer server =
        closeLater(
            start(
                settings(receiver),
                config ->
                    config.withSecurity(
                        dev.symphony.server.auth.SecurityConfig.none()
                            .withTokens(dev.symphony.server.auth.TokenVerifier.hmac(key)))));
    String token =
        new dev.symphony.server.auth.TokenIssuer(key, java.time.Clock.systemUTC())
            .issue(
                "doc", dev.symphony.server.auth.Scope.WRITE, Duration.ofMinutes(5), "u-42", "Ada");
    try (var socket =
        dev.symphony.server.testing.RawWebSocket.connect(
            URI.create("ws://127.0.0.1:" + server.address().getPort() + "/doc?token=" + token))) {
      Delivery joined = receiver.await(d -> d.type().equals("user.joined"), 20);
      assertThat(joined.event().at("/data/userId").asText()).isEqualTo("u-42");
      assertThat(joined.event().at("/data/userName").asText()).isEqualTo("Ada");
    }
    Delivery left = receiver.await(d -> d.type().equals("user.left"), 20);
    assertThat(left.event().at("/data/userName").asText()).isEqualTo("Ada");
    assertThat(left.event().at("/data/connections").asInt()).isZero();
  }

  @Test
  void aCatalogOutsideSqlIsRefusedClearly() {
    WebhookSettings webhooks = WebhookSettings.to(List.of(URI.create("http://127.0.0.1:9/h")), "s");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                RoomServer.start(
                    ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIoThreads(1),
                    new MemoryDocumentStore(),
                    new dev.symphony.server.store.MemoryRoomCatalog(),
                    UpdateLog.NONE,
                    ObservabilityConfig.defaults(),
                    ServerSetup.NONE,
                    webhooks))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a SQL database");
  }

  @Test
  void settingsRefuseWhatCannotWork() {
    List<URI> url = List.of(URI.create("http://127.0.0.1:9/hooks"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebhookSettings.to(url, ""))
        .hasMessageContaining("secret is required");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WebhookSettings.to(List.of(URI.create("ftp://host/x")), "s"))
        .hasMessageContaining("http:// or https://");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WebhookSettings.to(url, "s").withDebounce(Duration.ofMillis(-1)))
        .hasMessageContaining("debounce");
  }

  // --- helpers

  private static WebhookSettings settings(WebhookReceiver receiver) {
    return WebhookSettings.to(List.of(receiver.url()), SECRET)
        .withRetry(Duration.ofMillis(50), Duration.ofMillis(300));
  }

  private RoomServer start(WebhookSettings webhooks) throws InterruptedException {
    return start(webhooks, config -> config);
  }

  private RoomServer start(
      WebhookSettings webhooks, java.util.function.UnaryOperator<ServerConfig> customize)
      throws InterruptedException {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl("jdbc:h2:file:" + temp.resolve("catalog"));
    pool.setMaximumPoolSize(3);
    HikariDataSource dataSource = new HikariDataSource(pool);
    ServerConfig config =
        ServerConfig.defaults()
            .withHost("127.0.0.1")
            .withPort(0)
            .withIoThreads(2)
            .withRooms(RoomSettings.defaults().withGrace(Duration.ofMillis(200)));
    return RoomServer.start(
        customize.apply(config),
        new MemoryDocumentStore(),
        JdbcRoomCatalog.open(dataSource, dataSource),
        UpdateLog.NONE,
        ObservabilityConfig.defaults(),
        ServerSetup.NONE,
        webhooks);
  }

  private RoomClient connect(RoomServer server, String room) throws Exception {
    RoomClient client =
        RoomClient.connect(
            URI.create("ws://127.0.0.1:" + server.address().getPort()),
            room,
            new YDoc(),
            RoomClient.ClientOptions.defaults().withAutoReconnect(false));
    cleanup.add(client);
    client.synced().get(20, TimeUnit.SECONDS);
    return client;
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    cleanup.add(resource);
    return resource;
  }

  private static List<String> types(List<Delivery> events, String room) {
    return events.stream().filter(d -> d.room().equals(room)).map(Delivery::type).toList();
  }

  private static Delivery last(List<Delivery> events, String type) {
    return events.stream().filter(d -> d.type().equals(type)).reduce((a, b) -> b).orElseThrow();
  }

  private static long count(WebhookReceiver receiver, String type) {
    return receiver.events().stream().filter(d -> d.type().equals(type)).count();
  }

  private static double pending(RoomServer server) {
    Gauge gauge = server.metrics().registry().find("symphony.webhook.pending").gauge();
    return gauge == null ? -1 : gauge.value();
  }

  private static double failures(RoomServer server, String reason) {
    Counter counter =
        server
            .metrics()
            .registry()
            .find("symphony.webhook.failures")
            .tag("reason", reason)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static long outboxRows(RoomServer server) {
    try (Connection connection = server.catalog().dataSource().orElseThrow().getConnection();
        Statement query = connection.createStatement();
        ResultSet result = query.executeQuery("SELECT COUNT(*) FROM webhook_outbox")) {
      result.next();
      return result.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      Thread.sleep(20);
    }
  }
}
