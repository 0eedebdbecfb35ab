package dev.symphony.server.protocol;

import java.util.HexFormat;

/** Test fixtures are written as hex, as printed by the reference lib0/y-protocols in Node. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
