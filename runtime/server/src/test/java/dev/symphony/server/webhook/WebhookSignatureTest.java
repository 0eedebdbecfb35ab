package dev.symphony.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.client.RoomClient;
import dev.symphony.server.RoomServer;
import dev.symphony.server.ServerSetup;
import dev.symphony.server.config.ObservabilityConfig;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.server.store.JdbcRoomCatalog;
import dev.symphony.server.store.MemoryDocumentStore;
import dev.symphony.server.store.UpdateLog;
import dev.symphony.server.testing.NodeScripts;
import dev.symphony.server.testing.WebhookReceiver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signature as receivers check it: a real delivery verifies with the README's Node example and
 * with {@link WebhookSignature}; a changed byte or another secret does not.
 */
class WebhookSignatureTest {

  private static final String SECRET = "s3cret with spaces & ünïcode";

  @TempDir Path temp;

  @Test
  void aRealDeliveryVerifiesInNodeAndJavaAndATamperedOneDoesNot() throws Exception {
    WebhookReceiver.Delivery delivery;
    try (WebhookReceiver receiver = WebhookReceiver.start(SECRET);
        RoomServer server = start(receiver)) {
      try (RoomClient client =
          RoomClient.connect(URI.create("ws://127.0.0.1:" + server.address().getPort()), "sig")) {
        client.synced().get(20, TimeUnit.SECONDS);
      }
      delivery = receiver.await(d -> d.type().equals("user.joined"), 20);
    }
    byte[] body = delivery.body();
    String header = delivery.signature();
    assertThat(header).matches("sha256=[0-9a-f]{64}");

    WebhookSignature java = new WebhookSignature(SECRET);
    assertThat(java.verify(body, header)).isTrue();
    assertThat(nodeVerifies(SECRET, body, header)).isTrue();

    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("user.joined", "user.jumped")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(java.verify(tampered, header)).isFalse();
    assertThat(nodeVerifies(SECRET, tampered, header)).isFalse();
    assertThat(nodeVerifies("another secret", body, header)).isFalse();
    assertThat(new WebhookSignature("another secret").verify(body, header)).isFalse();
  }

  private static boolean nodeVerifies(String secret, byte[] body, String header) {
    NodeScripts.Result result =
        NodeScripts.node(
            Duration.ofSeconds(30),
            "webhook-verify.mjs",
            secret,
            Base64.getEncoder().encodeToString(body),
            header);
    return result.exitCode() == 0;
  }

  private RoomServer start(WebhookReceiver receiver) throws InterruptedException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + temp.getFileName() + ";DB_CLOSE_DELAY=-1");
    return RoomServer.start(
        ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIoThreads(2),
        new MemoryDocumentStore(),
        JdbcRoomCatalog.open(h2, () -> {}),
        UpdateLog.NONE,
        ObservabilityConfig.defaults(),
        ServerSetup.NONE,
        WebhookSettings.to(List.of(receiver.url()), SECRET));
  }
}
