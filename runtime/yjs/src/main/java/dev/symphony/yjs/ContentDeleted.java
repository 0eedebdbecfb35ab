package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.Collections;
import java.util.List;

/** Content that was deleted and garbage-collected while its item had to stay. */
final class ContentDeleted implements Content {
  static final int REF = 1;
  private int length;

  ContentDeleted(int length) {
    this.length = length;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public boolean isCountable() {
    return false;
  }

  @Override
  public Content splice(int offset) {
    ContentDeleted right = new ContentDeleted(length - offset);
    length = offset;
    return right;
  }

  @Override
  public boolean mergeWith(Content right) {
    length += right.length();
    return true;
  }

  @Override
  public void integrate(Transaction transaction, Item item) {
    transaction.deleteSet.add(item.client, item.clock, length);
    item.markDeleted();
  }

  @Override
  public void write(Lib0Writer out, int offset) {
    out.writeVarUint(length - offset);
  }

  @Override
  public int ref() {
    return REF;
  }

  @Override
  public List<Object> values() {
    return Collections.emptyList();
  }
}
