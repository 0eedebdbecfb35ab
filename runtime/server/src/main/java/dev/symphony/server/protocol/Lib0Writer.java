package dev.symphony.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes the lib0 encodings of the y-websocket framing into a growing byte array. */
public final class Lib0Writer {

  private byte[] buffer;
  private int size;

  public Lib0Writer() {
    this(32);
  }

  public Lib0Writer(int initialCapacity) {
    buffer = new byte[Math.max(initialCapacity, 8)];
  }

  /** The number of bytes {@link #writeVarUint} uses for {@code value}. */
  public static int varUintSize(long value) {
    int bytes = 1;
    while (value > 0x7F) {
      value >>>= 7;
      bytes++;
    }
    return bytes;
  }

  public Lib0Writer writeVarUint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varUint must not be negative: " + value);
    }
    ensure(10);
    while (value > 0x7F) {
      buffer[size++] = (byte) (0x80 | (value & 0x7F));
      value >>>= 7;
    }
    buffer[size++] = (byte) value;
    return this;
  }

  public Lib0Writer writeVarUint8Array(byte[] bytes) {
    writeVarUint(bytes.length);
    return writeBytes(bytes);
  }

  public Lib0Writer writeVarString(String value) {
    return writeVarUint8Array(value.getBytes(StandardCharsets.UTF_8));
  }

  public Lib0Writer writeBytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
  }

  private void ensure(int extra) {
    if (buffer.length - size < extra) {
      long wanted = Math.max((long) buffer.length * 2, (long) size + extra);
      buffer = Arrays.copyOf(buffer, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
    }
  }
}
