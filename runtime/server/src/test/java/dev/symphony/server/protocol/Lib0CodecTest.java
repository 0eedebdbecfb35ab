package dev.symphony.server.protocol;

import static dev.symphony.server.protocol.Hex.bytes;
import static dev.symphony.server.protocol.Hex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Lib0CodecTest {

  /** Expected bytes printed by lib0's encoding.writeVarUint in Node. */
  @ParameterizedTest
  @CsvSource({
    "0, 00",
    "1, 01",
    "127, 7f",
    "128, 8001",
    "300, ac02",
    "16383, ff7f",
    "16384, 808001",
    "4294967295, ffffffff0f",
    "9007199254740991, ffffffffffffff0f"
  })
  void varUintMatchesLib0(long value, String expectedHex) throws Exception {
    byte[] written = new Lib0Writer().writeVarUint(value).toByteArray();
    assertThat(hex(written)).isEqualTo(expectedHex);
    assertThat(Lib0Writer.varUintSize(value)).isEqualTo(written.length);
    Lib0Reader reader = new Lib0Reader(bytes(expectedHex));
    assertThat(reader.readVarUint()).isEqualTo(value);
    assertThat(reader.hasRemaining()).isFalse();
  }

  @Test
  void largestLongRoundTrips() throws Exception {
    byte[] written = new Lib0Writer().writeVarUint(Long.MAX_VALUE).toByteArray();
    assertThat(new Lib0Reader(written).readVarUint()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void stringsAndArraysAreLengthPrefixed() throws Exception {
    byte[] written =
        new Lib0Writer().writeVarString("é!").writeVarUint8Array(new byte[] {9, 8}).toByteArray();
    assertThat(hex(written)).isEqualTo("03c3a921020908");
    Lib0Reader reader = new Lib0Reader(written);
    assertThat(reader.readVarString()).isEqualTo("é!");
    assertThat(reader.readVarUint8Array()).containsExactly(9, 8);
  }

  @Test
  void truncatedVarUintIsRefused() {
    assertThatThrownBy(() -> new Lib0Reader(bytes("8080")).readVarUint())
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("truncated")
        .extracting(e -> ((MalformedMessageException) e).closeCode())
        .isEqualTo(1007);
  }

  @Test
  void varUintBeyond63BitsIsRefused() {
    assertThatThrownBy(() -> new Lib0Reader(bytes("ffffffffffffffffff01")).readVarUint())
        .hasMessageContaining("63 bits");
    assertThatThrownBy(() -> new Lib0Reader(bytes("ffffffffffffffffff8001")).readVarUint())
        .hasMessageContaining("63 bits");
  }

  @Test
  void lengthPastTheEndIsRefused() {
    assertThatThrownBy(() -> new Lib0Reader(bytes("05010203")).readVarUint8Array())
        .hasMessageContaining("runs past the end");
    assertThatThrownBy(() -> new Lib0Reader(bytes("ffffffff0f")).readVarString())
        .isInstanceOf(MalformedMessageException.class);
  }

  @Test
  void negativeValuesCannotBeWritten() {
    assertThatThrownBy(() -> new Lib0Writer().writeVarUint(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writerGrowsPastItsInitialCapacity() throws Exception {
    Lib0Writer writer = new Lib0Writer(1);
    byte[] big = new byte[100_000];
    big[99_999] = 42;
    byte[] written = writer.writeVarUint8Array(big).toByteArray();
    assertThat(new Lib0Reader(written).readVarUint8Array()).isEqualTo(big);
  }
}
