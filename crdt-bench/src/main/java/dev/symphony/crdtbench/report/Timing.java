package dev.symphony.crdtbench.report;

/** A timed metric in milliseconds: the best sample and the mean of all samples. */
public record Timing(double bestMs, double meanMs, int samples) {

  public static Timing single(double ms) {
    return new Timing(ms, ms, 1);
  }
}
