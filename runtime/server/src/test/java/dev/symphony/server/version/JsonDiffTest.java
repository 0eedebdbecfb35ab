package dev.symphony.server.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

  static final ObjectMapper JSON = new ObjectMapper();

  String diff(String from, String to) throws Exception {
    return JSON.writeValueAsString(JsonDiff.between(JSON.readTree(from), JSON.readTree(to)));
  }

  @Test
  void reportsAddedRemovedAndChangedPaths() throws Exception {
    assertThat(
            diff(
                "{\"a\":1,\"b\":{\"c\":\"x\",\"d/e\":2}}",
                "{\"a\":1,\"b\":{\"c\":\"y\"},\"f\":[1]}"))
        .isEqualTo(
            "[{\"op\":\"changed\",\"path\":\"/b/c\",\"from\":\"x\",\"to\":\"y\"},"
                + "{\"op\":\"removed\",\"path\":\"/b/d~1e\",\"from\":2},"
                + "{\"op\":\"added\",\"path\":\"/f\",\"to\":[1]}]");
    assertThat(diff("{\"a\":[1,2,3]}", "{\"a\":[1,2,3]}")).isEqualTo("[]");
  }

  @Test
  void arraysKeepTheirCommonStartAndEnd() throws Exception {
    assertThat(diff("[1,2,3,4]", "[1,9,4]"))
        .isEqualTo(
            "[{\"op\":\"changed\",\"path\":\"/1\",\"from\":2,\"to\":9},"
                + "{\"op\":\"removed\",\"path\":\"/2\",\"from\":3}]");
    assertThat(diff("[1,4]", "[1,2,3,4]"))
        .isEqualTo(
            "[{\"op\":\"added\",\"path\":\"/1\",\"to\":2},{\"op\":\"added\",\"path\":\"/2\",\"to\":3}]");
    assertThat(diff("\"text\"", "{\"a\":1}"))
        .isEqualTo("[{\"op\":\"changed\",\"path\":\"\",\"from\":\"text\",\"to\":{\"a\":1}}]");
  }
}
