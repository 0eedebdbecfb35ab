package dev.symphony.yjs.codec;

import dev.symphony.yjs.YjsDecodingException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lib0's {@code Any} encoding of JSON-like values. Java values map to JavaScript ones as follows:
 * {@link Undefined}, {@code null}, {@link Boolean}, {@link String}, integers ({@link Integer},
 * {@link Long}), floating point ({@link Double}, {@link Float}), {@link BigInteger} (a JS bigint),
 * {@code byte[]} (a Uint8Array), {@link List} (an array) and {@link Map} with string keys (an
 * object). Numbers are written as lib0 writes a JS number, so a decoded value re-encodes to the
 * same bytes.
 */
public final class AnyCodec {
  private static final int MAX_DEPTH = 512;
  private static final long BITS31 = 0x7FFFFFFFL;

  private AnyCodec() {}

  public static void write(Lib0Writer out, Object value) {
    write(out, value, 0);
  }

  private static void write(Lib0Writer out, Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels");
    }
    switch (value) {
      case null -> out.writeUint8(126);
      case Undefined u -> out.writeUint8(127);
      case String s -> {
        out.writeUint8(119);
        out.writeVarString(s);
      }
      case Boolean b -> out.writeUint8(b ? 120 : 121);
      case Integer i -> writeInteger(out, i);
      case Long l -> writeInteger(out, l);
      case Short s -> writeInteger(out, s);
      case Byte b -> writeInteger(out, b);
      case Double d -> writeDouble(out, d);
      case Float f -> writeDouble(out, f.doubleValue());
      case BigInteger big -> {
        out.writeUint8(122);
        out.writeBigInt64(big.longValue());
      }
      case byte[] bytes -> {
        out.writeUint8(116);
        out.writeVarUint8Array(bytes);
      }
      case List<?> list -> {
        out.writeUint8(117);
        out.writeVarUint(list.size());
        for (Object element : list) {
          write(out, element, depth + 1);
        }
      }
      case Map<?, ?> map -> {
        out.writeUint8(118);
        out.writeVarUint(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!(entry.getKey() instanceof String key)) {
            throw new IllegalArgumentException("map keys must be strings, got " + entry.getKey());
          }
          out.writeVarString(key);
          write(out, entry.getValue(), depth + 1);
        }
      }
      default ->
          throw new IllegalArgumentException(
              "not a JSON-like value: " + value.getClass().getName());
    }
  }

  /** Writes an int exactly as {@link #write} writes the same {@link Integer}, without boxing. */
  public static void writeInt(Lib0Writer out, int value) {
    writeInteger(out, value);
  }

  private static void writeInteger(Lib0Writer out, long value) {
    if (Math.abs(value) <= BITS31) {
      out.writeUint8(125);
      out.writeVarInt(value);
    } else {
      writeDouble(out, (double) value);
    }
  }

  private static void writeDouble(Lib0Writer out, double value) {
    boolean integral = !Double.isInfinite(value) && value == Math.rint(value);
    if (integral && Math.abs(value) <= BITS31) {
      out.writeUint8(125);
      if (value == 0 && Double.doubleToRawLongBits(value) != 0) {
        out.writeNegativeZeroVarInt();
      } else {
        out.writeVarInt((long) value);
      }
    } else if (!Double.isNaN(value) && (double) (float) value == value) {
      out.writeUint8(124);
      out.writeFloat32((float) value);
    } else {
      out.writeUint8(123);
      out.writeFloat64(value);
    }
  }

  public static Object read(Lib0Reader in) throws YjsDecodingException {
    return read(in, 0);
  }

  private static Object read(Lib0Reader in, int depth) throws YjsDecodingException {
    if (depth > MAX_DEPTH) {
      throw new YjsDecodingException("value nested deeper than " + MAX_DEPTH + " levels");
    }
    int type = in.readUint8();
    switch (type) {
      case 127:
        return Undefined.VALUE;
      case 126:
        return null;
      case 125:
        return readVarIntNumber(in);
      case 124:
        return (double) in.readFloat32();
      case 123:
        return in.readFloat64();
      case 122:
        return BigInteger.valueOf(in.readBigInt64());
      case 121:
        return Boolean.FALSE;
      case 120:
        return Boolean.TRUE;
      case 119:
        return in.readVarString();
      case 118:
        {
          int size = in.readCount("object size");
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = 0; i < size; i++) {
            String key = in.readVarString();
            map.put(key, read(in, depth + 1));
          }
          return map;
        }
      case 117:
        {
          int size = in.readCount("array length");
          List<Object> list = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            list.add(read(in, depth + 1));
          }
          return list;
        }
      case 116:
        return in.readVarUint8Array();
      default:
        throw new YjsDecodingException("unknown Any type " + type);
    }
  }

  private static Object readVarIntNumber(Lib0Reader in) throws YjsDecodingException {
    int start = in.position();
    long value = in.readVarInt();
    if (value == 0 && in.position() == start + 1 && isNegativeZeroByte(in, start)) {
      return -0.0d;
    }
    if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
      return (int) value;
    }
    return value;
  }

  private static boolean isNegativeZeroByte(Lib0Reader in, int position) {
    return in.byteAt(position) == 0x40;
  }
}
