package dev.symphony.singlenode.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed demo files (classpath resources, so that serving the demo needs no Node.js) are
 * what {@code npm run build:demo} makes from {@code runtime/client-js} now: a change to the demo or
 * the client library without a rebuild fails here.
 */
class WhiteboardDemoBundleTest {

  private static final Path COMMITTED =
      Path.of("src/main/resources/dev/symphony/singlenode/demo").toAbsolutePath();
  private static final Path REBUILT = Path.of("target/demo-rebuilt").toAbsolutePath();

  @Test
  void theCommittedDemoIsBuiltFromTheCurrentSources() throws Exception {
    ClientJs.requireNode();
    ClientJs.Result build =
        ClientJs.run(
            List.of("node", "scripts/build-demo.mjs", REBUILT.toString()),
            Map.of(),
            Duration.ofMinutes(2));
    assertThat(build.exitCode()).as("building the demo:\n%s", build.output()).isZero();
    for (String file : List.of("index.html", "whiteboard.css", "whiteboard.js")) {
      assertThat(Files.mismatch(COMMITTED.resolve(file), REBUILT.resolve(file)))
          .as(
              "%s differs from a fresh build of runtime/client-js: run `npm run build:demo` there"
                  + " and commit %s",
              file, COMMITTED)
          .isEqualTo(-1L);
    }
  }
}
