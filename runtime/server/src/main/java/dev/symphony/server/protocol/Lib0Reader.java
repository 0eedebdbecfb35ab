package dev.symphony.server.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Reads the lib0 encodings the y-websocket framing is built from: variable-length unsigned integers
 * (7 bits per byte, low bits first) and length-prefixed byte arrays. Every read checks the bounds,
 * so a truncated or hostile frame ends in a {@link MalformedMessageException} instead of an index
 * error.
 */
public final class Lib0Reader {

  private final byte[] data;
  private final int limit;
  private int position;

  public Lib0Reader(byte[] data) {
    this(data, 0, data.length);
  }

  public Lib0Reader(byte[] data, int offset, int length) {
    this.data = data;
    this.position = offset;
    this.limit = offset + length;
  }

  public boolean hasRemaining() {
    return position < limit;
  }

  public int position() {
    return position;
  }

  /** Reads a varUint. Values need at most 63 bits; lib0 itself stops at 53. */
  public long readVarUint() throws MalformedMessageException {
    long value = 0;
    int shift = 0;
    while (position < limit) {
      int b = data[position++] & 0xFF;
      if (shift == 63 && b != 0) {
        throw invalid("variable-length integer does not fit 63 bits");
      }
      value |= (long) (b & 0x7F) << shift;
      if (b < 0x80) {
        return value;
      }
      shift += 7;
    }
    throw invalid("variable-length integer is truncated");
  }

  /** Reads a varUint that must fit an int, such as a message type or a length. */
  public int readVarUintAsInt() throws MalformedMessageException {
    long value = readVarUint();
    if (value > Integer.MAX_VALUE) {
      throw invalid("value " + value + " is too large");
    }
    return (int) value;
  }

  /** Reads a varUint length followed by that many bytes (a copy). */
  public byte[] readVarUint8Array() throws MalformedMessageException {
    int length = readLength();
    byte[] bytes = new byte[length];
    System.arraycopy(data, position, bytes, 0, length);
    position += length;
    return bytes;
  }

  /** Reads a lib0 string: a varUint byte length followed by UTF-8. */
  public String readVarString() throws MalformedMessageException {
    int length = readLength();
    String value = new String(data, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  private int readLength() throws MalformedMessageException {
    int length = readVarUintAsInt();
    if (length > limit - position) {
      throw invalid(
          "length "
              + length
              + " runs past the end of the message ("
              + (limit - position)
              + " left)");
    }
    return length;
  }

  private static MalformedMessageException invalid(String message) {
    return new MalformedMessageException(MalformedMessageException.INVALID_PAYLOAD, message);
  }
}
