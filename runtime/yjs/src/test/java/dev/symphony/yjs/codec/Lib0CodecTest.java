package dev.symphony.yjs.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.symphony.yjs.YjsDecodingException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Lib0CodecTest {

  private static String hex(Lib0Writer w) {
    return HexFormat.of().formatHex(w.toByteArray());
  }

  @Test
  void varUintUsesSevenBitsPerByte() throws Exception {
    Lib0Writer w = new Lib0Writer();
    w.writeVarUint(0);
    w.writeVarUint(127);
    w.writeVarUint(128);
    w.writeVarUint(Lib0Reader.MAX_SAFE_INTEGER);
    assertThat(hex(w)).startsWith("007f8001");
    Lib0Reader r = new Lib0Reader(w.toByteArray());
    assertThat(r.readVarUint()).isZero();
    assertThat(r.readVarUint()).isEqualTo(127);
    assertThat(r.readVarUint()).isEqualTo(128);
    assertThat(r.readVarUint()).isEqualTo(Lib0Reader.MAX_SAFE_INTEGER);
    assertThat(r.hasRemaining()).isFalse();
  }

  @Test
  void varIntKeepsSignInTheFirstByte() throws Exception {
    Lib0Writer w = new Lib0Writer();
    for (long v : new long[] {0, 1, -1, 63, -63, 64, -64, 2147483647L, -2147483648L}) {
      w.writeVarInt(v);
    }
    assertThat(hex(w)).startsWith("000141" + "3f" + "7f" + "8001" + "c001");
    Lib0Reader r = new Lib0Reader(w.toByteArray());
    for (long v : new long[] {0, 1, -1, 63, -63, 64, -64, 2147483647L, -2147483648L}) {
      assertThat(r.readVarInt()).isEqualTo(v);
    }
  }

  @Test
  void stringsAreUtf8AndLoneSurrogatesBecomeReplacementCharacters() throws Exception {
    Lib0Writer w = new Lib0Writer();
    w.writeVarString("aé😀");
    w.writeVarString("x\uD800y");
    assertThat(hex(w)).isEqualTo("0761c3a9f09f9880" + "0578efbfbd79");
    Lib0Reader r = new Lib0Reader(w.toByteArray());
    assertThat(r.readVarString()).isEqualTo("aé😀");
    assertThat(r.readVarString()).isEqualTo("x\uFFFDy");
  }

  @Test
  void anyEncodesNumbersAsJavaScriptDoes() throws Exception {
    // integers up to 2^31-1 as var-int, other exact float32 values as float32, the rest float64
    assertThat(anyHex(5)).isEqualTo("7d05");
    assertThat(anyHex(5.0)).isEqualTo("7d05");
    assertThat(anyHex(-0.0)).isEqualTo("7d40");
    assertThat(anyHex(0.5)).isEqualTo("7c3f000000");
    assertThat(anyHex(4294967296L)).isEqualTo("7c4f800000");
    assertThat(anyHex(0.1)).isEqualTo("7b3fb999999999999a");
    assertThat(anyHex(BigInteger.valueOf(-2))).isEqualTo("7afffffffffffffffe");
  }

  private static String anyHex(Object value) {
    Lib0Writer w = new Lib0Writer();
    AnyCodec.write(w, value);
    return hex(w);
  }

  @Test
  void anyRoundTripsEveryKind() throws Exception {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("n", null);
    object.put("u", Undefined.VALUE);
    object.put("list", List.of(true, false, "s", 1, 2.5));
    object.put("bytes", new byte[] {1, 2});
    Lib0Writer w = new Lib0Writer();
    AnyCodec.write(w, object);
    Object back = AnyCodec.read(new Lib0Reader(w.toByteArray()));
    assertThat(back).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) back;
    assertThat(map).containsEntry("n", null).containsEntry("u", Undefined.VALUE);
    assertThat(map.get("list")).isEqualTo(List.of(true, false, "s", 1, 2.5));
    assertThat((byte[]) map.get("bytes")).containsExactly(1, 2);
    Lib0Writer again = new Lib0Writer();
    AnyCodec.write(again, back);
    assertThat(again.toByteArray()).isEqualTo(w.toByteArray());
  }

  @Test
  void truncatedAndAbsurdInputFailsCleanly() {
    assertThatThrownBy(() -> new Lib0Reader(new byte[] {(byte) 0x80}).readVarUint())
        .isInstanceOf(YjsDecodingException.class)
        .hasMessageContaining("unexpected end");
    byte[] hugeArray = {117, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    assertThatThrownBy(() -> AnyCodec.read(new Lib0Reader(hugeArray)))
        .hasMessageContaining("exceeds");
    assertThatThrownBy(() -> AnyCodec.read(new Lib0Reader(new byte[] {99})))
        .hasMessageContaining("unknown Any type 99");
    byte[] deep = new byte[2000];
    for (int i = 0; i < deep.length; i++) {
      deep[i] = (byte) (i % 2 == 0 ? 117 : 1);
    }
    assertThatThrownBy(() -> AnyCodec.read(new Lib0Reader(deep))).hasMessageContaining("nested");
  }

  @Test
  void jsonFollowsJavaScriptForNumbersAndStrings() {
    assertThat(Json.stringify(List.of(1.0, 0.1, 1e21, 1.5e-7, 123456789012.0, -0.0)))
        .isEqualTo("[1,0.1,1e+21,1.5e-7,123456789012,0]");
    assertThat(Json.stringify("a\"\\\n\u0001\uD800")).isEqualTo("\"a\\\"\\\\\\n\\u0001\\ud800\"");
    assertThat(Json.parse("{\"a\":[1,2.5,\"x\\u00e9\",null,true]}"))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1, 2.5, "xé", null, true)));
    assertThatThrownBy(() -> Json.parse("{\"a\":}")).isInstanceOf(Json.JsonSyntaxException.class);
    assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("after the value");
  }
}
