package dev.symphony.crdtbench.engine.ywasm;

import java.util.ArrayList;
import java.util.List;

/**
 * wasm-bindgen's table of JS values that Rust refers to by index ({@code heap} in the generated
 * glue): slots below 128 are a stack for borrowed values, 128..131 hold undefined, null, true and
 * false, and freed slots form a free list. Rust's indices must mean the same as in the JavaScript
 * glue, so the layout is reproduced exactly.
 */
final class JsHeap {

  private static final int STACK_SIZE = 128;
  private static final int FIRST_FREE = STACK_SIZE + 4;

  /** The permanent slot holding {@code null}; Rust may drop it any number of times. */
  static final int NULL = STACK_SIZE + 1;

  private final List<Object> slots = new ArrayList<>();
  private int nextFree;
  private int stackPointer = STACK_SIZE;

  JsHeap() {
    for (int i = 0; i < STACK_SIZE; i++) {
      slots.add(Js.Undefined.VALUE);
    }
    slots.add(Js.Undefined.VALUE);
    slots.add(Js.Null.VALUE);
    slots.add(Boolean.TRUE);
    slots.add(Boolean.FALSE);
    nextFree = slots.size();
  }

  /** {@code getObject}. */
  Object get(int index) {
    return slots.get(index);
  }

  /** {@code addHeapObject}: returns the new index. */
  int add(Object value) {
    if (nextFree == slots.size()) {
      slots.add(new FreeSlot(slots.size() + 1));
    }
    int index = nextFree;
    nextFree = ((FreeSlot) slots.get(index)).next();
    slots.set(index, value == null ? Js.Undefined.VALUE : value);
    return index;
  }

  /** {@code takeObject}: reads and releases the index. */
  Object take(int index) {
    Object value = get(index);
    drop(index);
    return value;
  }

  /** {@code dropObject}; the constants and the stack are never freed. */
  void drop(int index) {
    if (index < FIRST_FREE) {
      return;
    }
    slots.set(index, new FreeSlot(nextFree));
    nextFree = index;
  }

  /** {@code addBorrowedObject}: valid until the matching {@link #releaseBorrowed()}. */
  int borrow(Object value) {
    if (stackPointer == 1) {
      throw new IllegalStateException("out of js stack");
    }
    slots.set(--stackPointer, value == null ? Js.Undefined.VALUE : value);
    return stackPointer;
  }

  void releaseBorrowed() {
    slots.set(stackPointer++, Js.Undefined.VALUE);
  }

  /** Number of live values, for leak checks in tests. */
  int liveCount() {
    int live = 0;
    for (int i = FIRST_FREE; i < slots.size(); i++) {
      if (!(slots.get(i) instanceof FreeSlot)) {
        live++;
      }
    }
    return live;
  }

  /** A free-list link, distinct from any JS value. */
  private record FreeSlot(int next) {}
}
