package dev.symphony.load.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void templatesSplitLikeAShellAndFillTheirPlaceholders() {
    List<String> words =
        CommandLine.split("redis-server --port {redisPort} --save '' --dir \"/tmp/a b\"");
    assertThat(words)
        .containsExactly(
            "redis-server", "--port", "{redisPort}", "--save", "", "--dir", "/tmp/a b");
    assertThat(CommandLine.fill(words, Map.of("redisPort", "6380")))
        .containsExactly("redis-server", "--port", "6380", "--save", "", "--dir", "/tmp/a b");
  }

  @Test
  void mistakesAreReported() {
    assertThatThrownBy(() -> CommandLine.split("a 'b")).hasMessageContaining("quote");
    assertThatThrownBy(() -> CommandLine.fill(List.of("{prot}"), Map.of("port", "1")))
        .hasMessageContaining("unknown placeholder");
  }
}
