package dev.symphony.yjs;

import dev.symphony.yjs.codec.AnyCodec;
import dev.symphony.yjs.codec.Lib0Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** JSON-like values (lib0 Any encoding): list elements or one map value. */
final class ContentAny implements Content {
  static final int REF = 8;
  private final List<Object> values;

  ContentAny(List<Object> values) {
    this.values = values;
  }

  @Override
  public int length() {
    return values.size();
  }

  @Override
  public boolean isCountable() {
    return true;
  }

  @Override
  public Content splice(int offset) {
    ContentAny right = new ContentAny(new ArrayList<>(values.subList(offset, values.size())));
    values.subList(offset, values.size()).clear();
    return right;
  }

  @Override
  public boolean mergeWith(Content right) {
    values.addAll(((ContentAny) right).values);
    return true;
  }

  @Override
  public void write(Lib0Writer out, int offset) {
    out.writeVarUint(values.size() - offset);
    for (int i = offset; i < values.size(); i++) {
      AnyCodec.write(out, values.get(i));
    }
  }

  @Override
  public int ref() {
    return REF;
  }

  @Override
  public List<Object> values() {
    return Collections.unmodifiableList(values);
  }
}
