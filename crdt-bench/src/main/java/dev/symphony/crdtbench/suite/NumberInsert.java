package dev.symphony.crdtbench.suite;

/** One generated array change: insert {@code value} at {@code index}. */
public record NumberInsert(int index, int value) {}
