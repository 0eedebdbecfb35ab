package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.List;

/** A byte array (a Uint8Array in Yjs) as one list element or map value. */
record ContentBinary(byte[] bytes) implements UnitContent {
  static final int REF = 3;

  @Override
  public void write(Lib0Writer out, int offset) {
    out.writeVarUint8Array(bytes);
  }

  @Override
  public int ref() {
    return REF;
  }

  @Override
  public List<Object> values() {
    return List.of(bytes);
  }
}
