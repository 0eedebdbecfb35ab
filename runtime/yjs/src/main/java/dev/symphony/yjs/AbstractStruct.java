package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;

/**
 * A run of {@code length} consecutive clocks of one client: an {@link Item}, a {@link GC} or a
 * {@link Skip}.
 */
abstract sealed class AbstractStruct permits Item, GC, Skip {
  final long client;
  int clock;
  int length;

  AbstractStruct(long client, int clock, int length) {
    this.client = client;
    this.clock = clock;
    this.length = length;
  }

  final int endClock() {
    return clock + length;
  }

  final ID id() {
    return new ID(client, clock);
  }

  abstract boolean isDeleted();

  /** Appends {@code right} to this struct if both can be represented as one; true when merged. */
  abstract boolean mergeWith(AbstractStruct right);

  /** Writes this struct in update format v1, leaving out its first {@code offset} clocks. */
  abstract void write(Lib0Writer out, int offset);

  /** Makes this struct part of the document, leaving out its first {@code offset} clocks. */
  abstract void integrate(Transaction transaction, int offset);

  /** The client whose missing structs this one waits for, or -1 when it can be integrated. */
  abstract long missingDependency(Transaction transaction, StructStore store);
}
