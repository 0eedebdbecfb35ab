package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;

/** Garbage-collected content: only its clock range remains, so others can still reference it. */
final class GC extends AbstractStruct {
  static final int STRUCT_REF = 0;

  GC(long client, int clock, int length) {
    super(client, clock, length);
  }

  @Override
  boolean isDeleted() {
    return true;
  }

  @Override
  boolean mergeWith(AbstractStruct right) {
    if (!(right instanceof GC)) {
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
    if (offset > 0) {
      clock += offset;
      length -= offset;
    }
    transaction.doc.store.addStruct(this);
  }

  @Override
  long missingDependency(Transaction transaction, StructStore store) {
    return -1;
  }
}
