package dev.symphony.yjs;

import dev.symphony.yjs.codec.AnyCodec;
import dev.symphony.yjs.codec.Lib0Writer;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * JSON-like values (lib0 Any encoding): list elements or one map value. Runs of plain integers,
 * common in arrays of numbers, are kept in an {@code int[]} rather than as boxed objects: a quarter
 * of the memory, as compact as V8's packed arrays.
 */
final class ContentAny implements Content {
  static final int REF = 8;

  /** The values, unless {@link #ints} holds them. */
  private List<Object> values;

  private int[] ints;
  private int intCount;

  ContentAny(List<Object> values) {
    if (allInts(values)) {
      ints = new int[values.size()];
      for (int i = 0; i < ints.length; i++) {
        ints[i] = (Integer) values.get(i);
      }
      intCount = ints.length;
    } else {
      this.values = values;
    }
  }

  private ContentAny(int[] ints) {
    this.ints = ints;
    this.intCount = ints.length;
  }

  private static boolean allInts(List<Object> values) {
    for (Object value : values) {
      if (!(value instanceof Integer)) {
        return false;
      }
    }
    return !values.isEmpty();
  }

  private List<Object> boxedValues() {
    if (values == null) {
      values = new ArrayList<>(intCount);
      for (int i = 0; i < intCount; i++) {
        values.add(ints[i]);
      }
      ints = null;
      intCount = 0;
    }
    return values;
  }

  @Override
  public int length() {
    return values != null ? values.size() : intCount;
  }

  @Override
  public boolean isCountable() {
    return true;
  }

  @Override
  public Content splice(int offset) {
    if (values == null) {
      ContentAny right = new ContentAny(Arrays.copyOfRange(ints, offset, intCount));
      intCount = offset;
      return right;
    }
    ContentAny right = new ContentAny(new ArrayList<>(values.subList(offset, values.size())));
    values.subList(offset, values.size()).clear();
    return right;
  }

  @Override
  public boolean mergeWith(Content right) {
    ContentAny other = (ContentAny) right;
    if (values == null && other.values == null) {
      if (intCount + other.intCount > ints.length) {
        ints = Arrays.copyOf(ints, Math.max(intCount + other.intCount, ints.length * 2));
      }
      System.arraycopy(other.ints, 0, ints, intCount, other.intCount);
      intCount += other.intCount;
      return true;
    }
    boxedValues().addAll(other.values());
    return true;
  }

  @Override
  public void write(Lib0Writer out, int offset) {
    out.writeVarUint(length() - offset);
    if (values == null) {
      for (int i = offset; i < intCount; i++) {
        AnyCodec.writeInt(out, ints[i]);
      }
      return;
    }
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
    if (values != null) {
      return Collections.unmodifiableList(values);
    }
    int[] snapshot = ints;
    int count = intCount;
    return new AbstractList<>() {
      @Override
      public Object get(int index) {
        if (index < 0 || index >= count) {
          throw new IndexOutOfBoundsException(index);
        }
        return snapshot[index];
      }

      @Override
      public int size() {
        return count;
      }
    };
  }
}
