package dev.symphony.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for tests: a real HTTP server on a loopback port that logs every request it
 * gets (event id, attempt, body, whether the signature checks out with the shared secret). It can
 * go down (the port then refuses connections) and come back on the same port, and answer a number
 * of requests with 503 first.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as received. */
  public record Delivery(
      String eventId,
      int attempt,
      String signature,
      boolean signatureValid,
      JsonNode event,
      byte[] body) {

    public String type() {
      return event.get("type").asText();
    }

    public String room() {
      return event.get("room").asText();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String secret;
  private final int port;
  private final List<Delivery> log = new ArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private HttpServer server;

  private WebhookReceiver(String secret, int port) {
    this.secret = secret;
    this.port = port;
  }

  /** Starts on a free port. */
  public static WebhookReceiver start(String secret) throws IOException {
    WebhookReceiver receiver = new WebhookReceiver(secret, freePort());
    receiver.up();
    return receiver;
  }

  /** A receiver that is down until {@link #up()}: its port refuses connections. */
  public static WebhookReceiver down(String secret) throws IOException {
    return new WebhookReceiver(secret, freePort());
  }

  private static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port + "/hooks");
  }

  /** Listens (again) on its port. */
  public synchronized void up() throws IOException {
    if (server != null) {
      return;
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
    server.createContext("/hooks", this::handle);
    server.start();
  }

  /** Stops listening: connections to the port are refused until {@link #up()}. */
  public synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Answers the next {@code count} requests with 503 (they are logged all the same). */
  public void failNext(int count) {
    failNext.set(count);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String signature = exchange.getRequestHeaders().getFirst("Symphony-Signature");
    String attempt = exchange.getRequestHeaders().getFirst("Symphony-Delivery-Attempt");
    Delivery delivery =
        new Delivery(
            exchange.getRequestHeaders().getFirst("Symphony-Event-Id"),
            attempt == null ? 0 : Integer.parseInt(attempt),
            signature,
            ("sha256=" + hmac(body)).equals(signature),
            JSON.readTree(body),
            body);
    synchronized (this) {
      log.add(delivery);
    }
    int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private String hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every request so far, in arrival order. */
  public synchronized List<Delivery> deliveries() {
    return List.copyOf(log);
  }

  /** Each event id once (its first request), in arrival order. */
  public List<Delivery> events() {
    List<Delivery> all = deliveries();
    List<Delivery> distinct = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Delivery delivery : all) {
      if (seen.add(delivery.eventId())) {
        distinct.add(delivery);
      }
    }
    return distinct;
  }

  /** Waits until some delivery matches (at most {@code seconds}); fails with the log otherwise. */
  public Delivery await(Predicate<Delivery> condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      for (Delivery delivery : deliveries()) {
        if (condition.test(delivery)) {
          return delivery;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no matching webhook within " + seconds + " s; got " + summary());
  }

  /** Types and rooms of what arrived, for failure messages. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    for (Delivery delivery : deliveries()) {
      text.append('\n')
          .append(delivery.type())
          .append(' ')
          .append(delivery.room())
          .append(" id=")
          .append(delivery.eventId())
          .append(" attempt=")
          .append(delivery.attempt());
    }
    return text.toString();
  }

  @Override
  public void close() {
    down();
  }
}
