package dev.symphony.yjs.codec;

import dev.symphony.yjs.YjsDecodingException;
import java.nio.charset.StandardCharsets;

/**
 * Reads lib0 encodings from a byte array. Every length read is checked against the bytes that
 * remain, so a malformed input fails with {@link YjsDecodingException} instead of allocating
 * without bound.
 */
public final class Lib0Reader {
  /** The largest integer a JavaScript number holds exactly; lib0 never writes larger var-uints. */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private final byte[] bytes;
  private int pos;
  private final int end;

  public Lib0Reader(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  public Lib0Reader(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.pos = offset;
    this.end = offset + length;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  public int remaining() {
    return end - pos;
  }

  public int position() {
    return pos;
  }

  private YjsDecodingException truncated(String what) {
    return new YjsDecodingException(
        "unexpected end of data while reading " + what + " at byte " + pos);
  }

  /** The byte at an absolute position already read (for look-back decisions). */
  int byteAt(int position) {
    return bytes[position] & 0xFF;
  }

  public int readUint8() throws YjsDecodingException {
    if (pos >= end) {
      throw truncated("a byte");
    }
    return bytes[pos++] & 0xFF;
  }

  public long readVarUint() throws YjsDecodingException {
    long value = 0;
    int shift = 0;
    while (true) {
      if (pos >= end) {
        throw truncated("a var-uint");
      }
      int b = bytes[pos++] & 0xFF;
      value |= (long) (b & 0x7F) << shift;
      shift += 7;
      if (b < 0x80) {
        break;
      }
      if (shift > 53) {
        throw new YjsDecodingException("var-uint longer than 53 bits at byte " + pos);
      }
    }
    if (value > MAX_SAFE_INTEGER) {
      throw new YjsDecodingException("var-uint larger than 2^53 at byte " + pos);
    }
    return value;
  }

  /** A var-uint that must fit a non-negative Java int (clocks, lengths, counts). */
  public int readVarUintAsInt(String what) throws YjsDecodingException {
    long value = readVarUint();
    if (value > Integer.MAX_VALUE) {
      throw new YjsDecodingException(what + " out of range: " + value);
    }
    return (int) value;
  }

  /** A count of elements that each take at least one byte: it cannot exceed what remains. */
  public int readCount(String what) throws YjsDecodingException {
    long value = readVarUint();
    if (value > remaining()) {
      throw new YjsDecodingException(
          what + " of " + value + " exceeds the " + remaining() + " bytes that remain");
    }
    return (int) value;
  }

  /** Reads a var-int; returns {@code null}-free results, with -0 reported as 0. */
  public long readVarInt() throws YjsDecodingException {
    int b = readUint8();
    long magnitude = b & 0x3F;
    boolean negative = (b & 0x40) != 0;
    int shift = 6;
    while ((b & 0x80) != 0) {
      b = readUint8();
      magnitude |= (long) (b & 0x7F) << shift;
      shift += 7;
      if (shift > 60) {
        throw new YjsDecodingException("var-int longer than 53 bits at byte " + pos);
      }
    }
    if (magnitude > MAX_SAFE_INTEGER) {
      throw new YjsDecodingException("var-int larger than 2^53 at byte " + pos);
    }
    return negative ? -magnitude : magnitude;
  }

  public byte[] readBytes(int length) throws YjsDecodingException {
    if (length < 0 || length > remaining()) {
      throw truncated(length + " bytes");
    }
    byte[] out = new byte[length];
    System.arraycopy(bytes, pos, out, 0, length);
    pos += length;
    return out;
  }

  public byte[] readVarUint8Array() throws YjsDecodingException {
    long length = readVarUint();
    if (length > remaining()) {
      throw truncated("a byte array of " + length + " bytes");
    }
    return readBytes((int) length);
  }

  /** Skips a var-uint8-array and returns the offset of its content (for zero-copy views). */
  public int skipVarUint8Array() throws YjsDecodingException {
    long length = readVarUint();
    if (length > remaining()) {
      throw truncated("a byte array of " + length + " bytes");
    }
    int start = pos;
    pos += (int) length;
    return start;
  }

  public String readVarString() throws YjsDecodingException {
    long length = readVarUint();
    if (length > remaining()) {
      throw truncated("a string of " + length + " bytes");
    }
    String s = new String(bytes, pos, (int) length, StandardCharsets.UTF_8);
    pos += (int) length;
    return s;
  }

  public float readFloat32() throws YjsDecodingException {
    return Float.intBitsToFloat((int) readBigEndian(4));
  }

  public double readFloat64() throws YjsDecodingException {
    return Double.longBitsToDouble(readBigEndian(8));
  }

  public long readBigInt64() throws YjsDecodingException {
    return readBigEndian(8);
  }

  private long readBigEndian(int count) throws YjsDecodingException {
    if (remaining() < count) {
      throw truncated(count + " bytes of a number");
    }
    long value = 0;
    for (int i = 0; i < count; i++) {
      value = (value << 8) | (bytes[pos++] & 0xFF);
    }
    return value;
  }
}
