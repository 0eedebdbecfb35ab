package dev.symphony.yjs;

import dev.symphony.yjs.codec.AnyCodec;
import dev.symphony.yjs.codec.Lib0Writer;
import java.util.List;
import java.util.Map;

/**
 * A subdocument reference: its guid and options. The subdocument's content travels separately, so a
 * server only keeps the reference; exported as JSON it is an empty object, like an unloaded Y.Doc.
 */
record ContentDoc(String guid, Object options) implements UnitContent {
  static final int REF = 9;

  @Override
  public void write(Lib0Writer out, int offset) {
    out.writeVarString(guid);
    AnyCodec.write(out, options);
  }

  @Override
  public int ref() {
    return REF;
  }

  @Override
  public List<Object> values() {
    return List.of(Map.of());
  }
}
