package dev.symphony.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisKeysTest {

  private static String hashTag(String key) {
    return key.substring(key.indexOf('{') + 1, key.indexOf('}'));
  }

  @Test
  void allKeysOfARoomShareOneHashTag() {
    RedisKeys keys = new RedisKeys("symphony", "board-7");
    assertThat(keys.channel()).isEqualTo("symphony:room:{board-7}");
    assertThat(hashTag(keys.updateStream())).isEqualTo(hashTag(keys.channel()));
    assertThat(hashTag(keys.checkpointLease())).isEqualTo(hashTag(keys.channel()));
  }

  @Test
  void bracesInRoomIdsCannotBreakTheHashTag() {
    RedisKeys tricky = new RedisKeys("symphony", "a}b{c");
    assertThat(hashTag(tricky.channel())).isEqualTo("a%7Db%7Bc");
    assertThat(new RedisKeys("symphony", "a%7Db").channel()).isNotEqualTo(tricky.channel());
  }

  @Test
  void namespaceIsValidated() {
    assertThatThrownBy(() -> new RedisKeys("", "r")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RedisKeys("a{b", "r")).hasMessageContaining("braces");
  }
}
