package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;

/** A gap in an update (clocks it does not carry); never part of a document. */
final class Skip extends AbstractStruct {
  static final int STRUCT_REF = 10;

  Skip(long client, int clock, int length) {
    super(client, clock, length);
  }

  @Override
  boolean isDeleted() {
    return true;
  }

  @Override
  boolean mergeWith(AbstractStruct right) {
    if (!(right instanceof Skip)) {
      return false;
    }
    length += right.length;
    return true;
  }

  @Override
  void write(Lib0Writer out, int offset) {
    out.writeUint8(STRUCT_REF);
    out.writeVarUint(length - offset);
  }

  @Override
  void integrate(Transaction transaction, int offset) {
    throw new IllegalStateException("a Skip is never integrated");
  }

  @Override
  long missingDependency(Transaction transaction, StructStore store) {
    return -1;
  }
}
