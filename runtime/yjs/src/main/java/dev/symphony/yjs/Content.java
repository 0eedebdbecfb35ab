package dev.symphony.yjs;

import dev.symphony.yjs.codec.Lib0Writer;
import java.util.List;

/** What an {@link Item} holds. Each kind has the reference number of update format v1. */
sealed interface Content
    permits ContentDeleted, ContentJson, ContentString, ContentAny, UnitContent {

  int length();

  /** Whether the content counts towards the length and indices of its parent list or text. */
  boolean isCountable();

  /** Keeps the first {@code offset} units here and returns the rest as new content. */
  Content splice(int offset);

  /** Appends {@code right} (of the same kind) when possible; true when merged. */
  boolean mergeWith(Content right);

  default void integrate(Transaction transaction, Item item) {}

  default void delete(Transaction transaction) {}

  default void gc(StructStore store) {}

  void write(Lib0Writer out, int offset);

  int ref();

  /** The values this content contributes to a list or map, in order. */
  List<Object> values();
}
