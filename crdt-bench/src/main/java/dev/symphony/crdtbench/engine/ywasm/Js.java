package dev.symphony.crdtbench.engine.ywasm;

import com.dylibso.chicory.runtime.Memory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The JavaScript values that cross the wasm-bindgen boundary, modelled in Java just far enough for
 * ywasm's benchmark operations. Java types stand for JS ones: {@link String} for strings, {@link
 * Double} for numbers, {@link Boolean}, {@link Long} for BigInts, and the types below.
 */
final class Js {

  private Js() {}

  /** {@code undefined}. */
  enum Undefined {
    VALUE
  }

  /** {@code null} (Java's null is never stored, to keep the two apart). */
  enum Null {
    VALUE
  }

  /** A plain object: own enumerable properties in insertion order. */
  static final class JsObject extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
  }

  /** An Array. */
  static final class JsArray extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;

    JsArray() {}

    JsArray(List<?> elements) {
      super(elements);
    }
  }

  /** A Map (insertion-ordered, keys compared by value, which is enough for string keys). */
  static final class JsMap extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;
  }

  /** An Error thrown across the boundary. */
  record JsError(String message) {}

  /** A callable; {@code thisArg} is ignored by every function we hand to ywasm. */
  @FunctionalInterface
  interface JsFunction {
    Object call(Object thisArg, Object... args);
  }

  /** A wasm-bindgen class instance (YTransaction, YText, ...) wrapping a Rust pointer. */
  record WasmObject(String className, int ptr) {}

  /** An ArrayBuffer: either the WebAssembly memory or a detached copy. */
  record ArrayBuffer(Memory memory, byte[] bytes) {
    static ArrayBuffer of(Memory memory) {
      return new ArrayBuffer(memory, null);
    }

    static ArrayBuffer of(byte[] bytes) {
      return new ArrayBuffer(null, bytes);
    }
  }

  /** A Uint8Array: a window of {@code length} bytes at {@code offset} of a buffer. */
  record Uint8Array(ArrayBuffer buffer, int offset, int length) {

    static Uint8Array allocate(int length) {
      return new Uint8Array(ArrayBuffer.of(new byte[length]), 0, length);
    }

    static Uint8Array copyOf(byte[] bytes) {
      return new Uint8Array(ArrayBuffer.of(bytes.clone()), 0, bytes.length);
    }

    byte[] toBytes() {
      if (buffer.memory() != null) {
        return buffer.memory().readBytes(offset, length);
      }
      byte[] out = new byte[length];
      System.arraycopy(buffer.bytes(), offset, out, 0, length);
      return out;
    }

    /** {@code this.set(source, at)}. */
    void set(Uint8Array source, int at) {
      write(at, source.toBytes());
    }

    void write(int at, byte[] data) {
      if (buffer.memory() != null) {
        buffer.memory().write(offset + at, data);
      } else {
        System.arraycopy(data, 0, buffer.bytes(), offset + at, data.length);
      }
    }

    Uint8Array subarray(int begin, int end) {
      return new Uint8Array(buffer, offset + begin, Math.max(0, end - begin));
    }
  }

  /** {@code typeof value === 'object' && value !== null}. */
  static boolean isObject(Object value) {
    return !(value instanceof String
        || value instanceof Double
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof JsFunction
        || value == Undefined.VALUE
        || value == Null.VALUE
        || value == null);
  }

  /** {@code String(value)}, for error messages. */
  static String describe(Object value) {
    return switch (value) {
      case JsError error -> error.message();
      case Undefined u -> "undefined";
      case Null n -> "null";
      case null -> "undefined";
      default -> String.valueOf(value);
    };
  }
}
