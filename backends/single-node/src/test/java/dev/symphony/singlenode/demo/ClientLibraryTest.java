package dev.symphony.singlenode.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.config.ServerConfig;
import dev.symphony.singlenode.DataDirectory;
import dev.symphony.singlenode.SingleNode;
import java.nio.file.Path;
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

  @TempDir Path temp;

  @Test
  void theClientLibraryTestsPassAgainstSingleNode() throws Exception {
    ClientJs.requireNode();
    ServerConfig config =
        ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIoThreads(2);
    try (SingleNode node = SingleNode.start(config, DataDirectory.prepare(temp.resolve("data")))) {
      String url = "ws://127.0.0.1:" + node.address().getPort();
      ClientJs.Result result =
          ClientJs.run(List.of("npm", "test"), Map.of("SYMPHONY_URL", url), Duration.ofMinutes(4));
      assertThat(result.exitCode())
          .as("npm test in runtime/client-js:\n%s", result.output())
          .isZero();
      assertThat(result.output()).contains("# fail 0").doesNotContain("# pass 0");
    }
  }
}
