package dev.symphony.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoomPathTest {

  @Test
  void roomIdIsThePathAfterTheFirstSlash() {
    assertThat(RoomPath.roomId("/my-room")).isEqualTo("my-room");
    assertThat(RoomPath.roomId("/docs/2024/plan")).isEqualTo("docs/2024/plan");
  }

  @Test
  void queryParametersAreNotPartOfTheId() {
    assertThat(RoomPath.roomId("/board?token=abc&x=1")).isEqualTo("board");
  }

  @Test
  void percentEncodingIsDecodedAndPlusStaysPlus() {
    assertThat(RoomPath.roomId("/my%20room")).isEqualTo("my room");
    assertThat(RoomPath.roomId("/a+b")).isEqualTo("a+b");
    assertThat(RoomPath.roomId("/%C3%A9t%C3%A9")).isEqualTo("été");
  }

  @Test
  void invalidPathsAreRefusedWithAReason() {
    assertThatThrownBy(() -> RoomPath.roomId("/")).hasMessageContaining("no room id");
    assertThatThrownBy(() -> RoomPath.roomId("/?token=1")).hasMessageContaining("no room id");
    assertThatThrownBy(() -> RoomPath.roomId("room")).hasMessageContaining("must start with '/'");
    assertThatThrownBy(() -> RoomPath.roomId("/bad%zz")).hasMessageContaining("percent-encoding");
    assertThatThrownBy(() -> RoomPath.roomId("/a%0Ab")).hasMessageContaining("control character");
    assertThatThrownBy(() -> RoomPath.roomId("/" + "x".repeat(RoomPath.MAX_ROOM_ID_LENGTH + 1)))
        .hasMessageContaining("longer than");
  }
}
