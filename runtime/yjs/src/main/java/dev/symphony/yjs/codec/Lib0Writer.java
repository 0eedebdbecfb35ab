package dev.symphony.yjs.codec;

import java.util.Arrays;

/** A growable byte buffer with lib0's encodings (var-uint, var-int, var-string, ...). */
public final class Lib0Writer {
  private byte[] buffer;
  private int size;

  public Lib0Writer() {
    this(64);
  }

  public Lib0Writer(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int extra) {
    int needed = size + extra;
    if (needed > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    }
  }

  public void writeUint8(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
  }

  /** Unsigned variable-length integer: 7 bits per byte, high bit set while more bytes follow. */
  public void writeVarUint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("var-uint must not be negative: " + value);
    }
    ensure(10);
    while (value > 0x7F) {
      buffer[size++] = (byte) (0x80 | (value & 0x7F));
      value >>>= 7;
    }
    buffer[size++] = (byte) value;
  }

  /**
   * Signed variable-length integer in lib0's layout: the first byte holds a continuation bit, the
   * sign bit and six bits of the magnitude; later bytes hold seven bits each.
   */
  public void writeVarInt(long value) {
    boolean negative = value < 0;
    long magnitude = negative ? -value : value;
    ensure(11);
    buffer[size++] =
        (byte) ((magnitude > 0x3F ? 0x80 : 0) | (negative ? 0x40 : 0) | (magnitude & 0x3F));
    magnitude >>>= 6;
    while (magnitude > 0) {
      buffer[size++] = (byte) ((magnitude > 0x7F ? 0x80 : 0) | (magnitude & 0x7F));
      magnitude >>>= 7;
    }
  }

  /** lib0 writes -0 as a var-int with the sign bit and a zero magnitude. */
  public void writeNegativeZeroVarInt() {
    writeUint8(0x40);
  }

  public void writeBytes(byte[] bytes) {
    writeBytes(bytes, 0, bytes.length);
  }

  public void writeBytes(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  public void writeVarUint8Array(byte[] bytes) {
    writeVarUint(bytes.length);
    writeBytes(bytes);
  }

  /**
   * A string as its UTF-8 byte length and bytes; lone surrogates become U+FFFD as TextEncoder does.
   */
  public void writeVarString(CharSequence value) {
    int utf8Length = Utf8.encodedLength(value);
    writeVarUint(utf8Length);
    ensure(utf8Length);
    size = Utf8.encode(value, buffer, size);
  }

  public void writeFloat32(float value) {
    writeBigEndian(Float.floatToRawIntBits(value), 4);
  }

  public void writeFloat64(double value) {
    writeBigEndian(Double.doubleToRawLongBits(value), 8);
  }

  public void writeBigInt64(long value) {
    writeBigEndian(value, 8);
  }

  private void writeBigEndian(long bits, int bytes) {
    ensure(bytes);
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (bits >>> shift);
    }
  }
}
