package dev.symphony.singlenode.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.auth.Scope;
import dev.symphony.server.auth.SecurityConfig;
import dev.symphony.server.auth.TokenIssuer;
import dev.symphony.server.auth.TokenVerifier;
import dev.symphony.server.config.ServerConfig;
import dev.symphony.singlenode.DataDirectory;
import dev.symphony.singlenode.SingleNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JavaScript client's own tests ({@code runtime/client-js/test}, node's test runner) against a
 * real single-node server started here: {@code ./mvnw verify} runs them.
 */
class ClientLibraryTest {

  private static final String SECURED_ROOM = "secured-room";

  @TempDir Path temp;

  @Test
  void theClientLibraryTestsPassAgainstSingleNode() throws Exception {
    ClientJs.requireNode();
    ServerConfig config =
        ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIoThreads(2);
    byte[] secret = "client-js-test-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8);
    ServerConfig secured =
        config.withSecurity(SecurityConfig.none().withTokens(TokenVerifier.hmac(secret)));
    String token =
        new TokenIssuer(secret, Clock.systemUTC())
            .issue(SECURED_ROOM, Scope.WRITE, Duration.ofHours(1), "client-js", "client-js");
    try (SingleNode node = SingleNode.start(config, DataDirectory.prepare(temp.resolve("data")));
        SingleNode withAuth =
            SingleNode.start(secured, DataDirectory.prepare(temp.resolve("secured")))) {
      String url = "ws://127.0.0.1:" + node.address().getPort();
      String authUrl = "ws://127.0.0.1:" + withAuth.address().getPort();
      ClientJs.Result result =
          ClientJs.run(
              List.of("npm", "test"),
              Map.of(
                  "SYMPHONY_URL", url,
                  "SYMPHONY_AUTH_URL", authUrl,
                  "SYMPHONY_AUTH_ROOM", SECURED_ROOM,
                  "SYMPHONY_AUTH_TOKEN", token),
              Duration.ofMinutes(4));
      assertThat(result.exitCode())
          .as("npm test in runtime/client-js:\n%s", result.output())
          .isZero();
      assertThat(result.output()).contains("# fail 0", "# skipped 0").doesNotContain("# pass 0");
    }
  }
}
