package dev.symphony.crdtbench.suite;

/**
 * The pseudo-random generator of lib0 ({@code lib0/prng}, a 32-bit xoroshiro128+ variant seeded
 * through xorshift32), reproduced bit for bit so the JVM benchmarks get exactly the inputs that
 * crdt-benchmarks (and our Node runner, which uses lib0 itself) generate from seed 42.
 *
 * <p>JavaScript does this arithmetic on doubles and unsigned 32-bit views; Java ints give the same
 * bits, and the double divisions below are the same IEEE operations.
 */
public final class Lib0Prng {

  /** lib0's {@code binary.BITS32}: 2^32 - 1. */
  private static final double BITS32 = 4294967295.0;

  /** {@code BITS32 + 1}, the divisor that maps a uint32 into [0, 1). */
  private static final double TWO_POW_32 = 4294967296.0;

  private final int[] state = new int[4];
  private boolean fresh = true;

  public Lib0Prng(int seed) {
    int xorshift = seed;
    for (int i = 0; i < 4; i++) {
      xorshift ^= xorshift << 13;
      xorshift ^= xorshift >> 17;
      xorshift ^= xorshift << 5;
      double unit = Integer.toUnsignedLong(xorshift) / TWO_POW_32;
      // Stored into a Uint32Array in lib0: the fraction is truncated.
      state[i] = (int) (long) (unit * BITS32);
    }
  }

  /** A double in [0, 1); each 64-bit step yields two values. */
  public double next() {
    if (fresh) {
      fresh = false;
      return Integer.toUnsignedLong(state[0] + state[2]) / TWO_POW_32;
    }
    fresh = true;
    int s0 = state[0];
    int s1 = state[1];
    int s2 = state[2] ^ s0;
    int s3 = state[3] ^ s1;
    state[0] = (s1 << 23 | s0 >>> 9) ^ s2 ^ (s2 << 14 | s3 >>> 18);
    state[1] = (s0 << 23 | s1 >>> 9) ^ s3 ^ (s3 << 14);
    state[2] = s3 << 4 | s2 >>> 28;
    state[3] = s2 << 4 | s3 >>> 28;
    return Integer.toUnsignedLong(state[1] + state[3]) / TWO_POW_32;
  }

  /** {@code prng.int32}: an integer in [min, max], both inclusive. */
  public int int32(long min, long max) {
    return (int) Math.floor(next() * (double) (max + 1 - min) + min);
  }

  /** {@code prng.uint32}; for the non-negative ranges the suite uses, the same as int32. */
  public int uint32(long min, long max) {
    return int32(min, max);
  }

  /** {@code prng.bool}. */
  public boolean bool() {
    return next() >= 0.5;
  }

  /** {@code prng.word}: lower-case letters, length in [minLength, maxLength]. */
  public String word(int minLength, int maxLength) {
    int length = int32(minLength, maxLength);
    StringBuilder word = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      word.append((char) int32('a', 'z'));
    }
    return word.toString();
  }
}
