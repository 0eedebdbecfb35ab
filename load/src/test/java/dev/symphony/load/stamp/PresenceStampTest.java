package dev.symphony.load.stamp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.yjs.codec.Json;
import org.junit.jupiter.api.Test;

class PresenceStampTest {

  @Test
  void theStateIsJsonWithCursorAndStamp() {
    PresenceStamp stamp = new PresenceStamp(7, 3, 1_712_345_678_901_234L);
    String json = stamp.toJson(42);
    // valid JSON, and what an editor would publish
    Object parsed = Json.parse(json);
    assertThat(Json.stringify(parsed)).isEqualTo(json);
    assertThat(json).contains("\"cursor\":{\"anchor\":42,\"head\":42}");
    assertThat(PresenceStamp.read(json)).contains(stamp);
  }

  @Test
  void aReserializedStateStillReads() {
    String spaced = "{ \"user\" : {\"name\": \"vu-7\"}, \"sym\" : [ 7 , 3 ,\n 1712345678901234 ] }";
    assertThat(PresenceStamp.read(spaced))
        .contains(new PresenceStamp(7, 3, 1_712_345_678_901_234L));
  }

  @Test
  void statesWithoutAStampReadAsEmpty() {
    assertThat(PresenceStamp.read("null")).isEmpty();
    assertThat(PresenceStamp.read("{\"cursor\":1}")).isEmpty();
    assertThat(PresenceStamp.read("{\"sym\":[1,2]}")).isEmpty();
    assertThat(PresenceStamp.read("{\"sym\":[1,0,5]}")).isEmpty();
  }
}
