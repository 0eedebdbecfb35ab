package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.List;

/** A byte array (a Uint8Array in Yjs) as one list element or map value. */
record ContentBinary(byte[] bytes) implements Content {
  static final int REF = 3;

  @Override
  public int length() {
    return 1;
  }

  @Override
  public boolean isCountable() {
    return true;
  }

  @Override
  public Content splice(int offset) {
    throw new IllegalStateException("binary content has length 1 and cannot be split");
  }

  @Override
  public boolean mergeWith(Content right) {
    return false;
  }

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
