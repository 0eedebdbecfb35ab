package dev.symphony.crdtbench.engine.ywasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Java host functions for the wasm-bindgen imports of ywasm ({@code __wbindgen_placeholder__}):
 * what {@code ywasm.js} does in JavaScript, done on the {@link Js} value model. Imports are matched
 * by name without wasm-bindgen's hash suffix, so a rebuilt ywasm with the same imports still links.
 * Imports the benchmarks never reach (XML events, Node's require) throw a clear error when called.
 */
final class WasmBindgenImports {

  static final String MODULE = "__wbindgen_placeholder__";

  private static final Random RANDOM = new SecureRandom();

  private final YwasmModule wasm;
  private final JsHeap heap;
  private final Js.JsObject global = new Js.JsObject();

  WasmBindgenImports(YwasmModule wasm, JsHeap heap) {
    this.wasm = wasm;
    this.heap = heap;
    // getrandom's browser path: globalThis.crypto.getRandomValues (no `process`, so not Node's).
    global.put("crypto", new Js.JsObject());
  }

  /** One host function per import of the module, in the module's own order. */
  List<ImportFunction> forModule(WasmModule module) {
    List<ImportFunction> functions = new ArrayList<>();
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      Import imp = imports.getImport(i);
      if (!(imp instanceof FunctionImport function)) {
        throw new IllegalStateException("unexpected non-function import " + imp.name());
      }
      FunctionType type = module.typeSection().getType(function.typeIndex());
      functions.add(new HostFunction(imp.module(), imp.name(), type, implement(imp.name())));
    }
    return functions;
  }

  private WasmFunctionHandle implement(String importName) {
    WasmFunctionHandle overloaded = overloaded(importName);
    if (overloaded != null) {
      return overloaded;
    }
    String name = withoutHash(importName);
    if (name.startsWith("__wbg_") && name.endsWith("_new")) {
      // __wbg_ytransaction_new etc.: wrap a Rust pointer as an instance of that class.
      String className = name.substring("__wbg_".length(), name.length() - "_new".length());
      return (instance, args) -> i32(heap.add(new Js.WasmObject(className, (int) args[0])));
    }
    return switch (name) {
      case "__wbindgen_object_drop_ref" -> voidResult(args -> heap.drop((int) args[0]));
      case "__wbindgen_object_clone_ref" -> (instance, args) -> i32(heap.add(arg(args, 0)));
      case "__wbindgen_string_new" ->
          (instance, args) -> i32(heap.add(wasm.readString((int) args[0], (int) args[1])));
      case "__wbindgen_number_new" ->
          (instance, args) -> i32(heap.add(Double.longBitsToDouble(args[0])));
      case "__wbindgen_bigint_from_i64" -> (instance, args) -> i32(heap.add(args[0]));
      case "__wbindgen_is_object" -> (instance, args) -> bool(Js.isObject(arg(args, 0)));
      case "__wbindgen_is_undefined" ->
          (instance, args) -> bool(arg(args, 0) == Js.Undefined.VALUE);
      case "__wbindgen_is_null" -> (instance, args) -> bool(arg(args, 0) == Js.Null.VALUE);
      case "__wbindgen_is_string" -> (instance, args) -> bool(arg(args, 0) instanceof String);
      case "__wbindgen_is_bigint" -> (instance, args) -> bool(arg(args, 0) instanceof Long);
      case "__wbindgen_is_function" ->
          (instance, args) -> bool(arg(args, 0) instanceof Js.JsFunction);
      case "__wbindgen_boolean_get" ->
          (instance, args) -> i32(arg(args, 0) instanceof Boolean b ? (b ? 1 : 0) : 2);
      case "__wbindgen_number_get" -> voidResult(args -> numberGet((int) args[0], arg(args, 1)));
      case "__wbindgen_string_get" -> voidResult(args -> stringGet((int) args[0], arg(args, 1)));
      case "__wbindgen_debug_string" ->
          voidResult(args -> wasm.writeStringResult((int) args[0], Js.describe(arg(args, 1))));
      case "__wbindgen_throw" ->
          (instance, args) -> {
            throw new JsThrow(new Js.JsError(wasm.readString((int) args[0], (int) args[1])));
          };
      case "__wbindgen_memory" -> (instance, args) -> i32(heap.add(new WasmMemory()));
      case "__wbg_stack" -> voidResult(args -> wasm.writeStringResult((int) args[0], ""));
      case "__wbg_error" -> voidResult(args -> consoleError((int) args[0], (int) args[1]));
      case "__wbg_self", "__wbg_window", "__wbg_globalThis", "__wbg_global" ->
          (instance, args) -> i32(heap.add(global));
      case "__wbg_crypto", "__wbg_process", "__wbg_versions", "__wbg_node", "__wbg_msCrypto" ->
          (instance, args) -> i32(heap.add(property(arg(args, 0), name.substring(6))));
      case "__wbg_require" -> throwing(args -> new Js.JsError("require is not available"));
      case "__wbg_randomFillSync", "__wbg_getRandomValues" ->
          voidResult(args -> fillRandom((Js.Uint8Array) arg(args, 1)));
      case "__wbg_newnoargs" -> (instance, args) -> i32(heap.add(globalFunction()));
      case "__wbg_from" -> (instance, args) -> i32(heap.add(new Js.JsArray(iterate(arg(args, 0)))));
      case "__wbg_isArray" -> (instance, args) -> bool(arg(args, 0) instanceof Js.JsArray);
      case "__wbg_push" ->
          (instance, args) -> {
            Js.JsArray array = (Js.JsArray) arg(args, 0);
            array.add(arg(args, 1));
            return i32(array.size());
          };
      case "__wbg_now" ->
          (instance, args) ->
              new long[] {Double.doubleToRawLongBits((double) System.currentTimeMillis())};
      case "__wbg_entries" -> (instance, args) -> i32(heap.add(entries(arg(args, 0))));
      case "__wbg_buffer" -> (instance, args) -> i32(heap.add(buffer(arg(args, 0))));
      case "__wbg_newwithbyteoffsetandlength" ->
          (instance, args) ->
              i32(
                  heap.add(
                      new Js.Uint8Array(
                          (Js.ArrayBuffer) arg(args, 0), (int) args[1], (int) args[2])));
      case "__wbg_newwithlength" ->
          (instance, args) -> i32(heap.add(Js.Uint8Array.allocate((int) args[0])));
      case "__wbg_subarray" ->
          (instance, args) ->
              i32(heap.add(((Js.Uint8Array) arg(args, 0)).subarray((int) args[1], (int) args[2])));
      case "__wbg_parse" ->
          handled(
              args -> i32(heap.add(JsJson.parse(wasm.readString((int) args[0], (int) args[1])))));
      case "__wbg_stringify" -> handled(args -> i32(heap.add(JsJson.stringify(arg(args, 0)))));
      default -> unsupported(importName);
    };
  }

  /**
   * Imports whose names differ only in wasm-bindgen's hash (there are several {@code new}, {@code
   * get}, {@code set}, {@code call} and {@code length}); these hashes are ywasm 0.18.3's, checked
   * against its {@code ywasm.js}.
   */
  private WasmFunctionHandle overloaded(String importName) {
    return switch (importName) {
      case "__wbg_new_abda76e883ba8a5f" -> (instance, args) -> i32(heap.add(new Js.JsError("")));
      case "__wbg_new_75208e29bddfd88c" -> (instance, args) -> i32(heap.add(new Js.JsArray()));
      case "__wbg_new_d1cc518eff6805bb" -> (instance, args) -> i32(heap.add(new Js.JsMap()));
      case "__wbg_new_632630b5cec17f21" -> (instance, args) -> i32(heap.add(new Js.JsObject()));
      case "__wbg_new_d02aec716aa1c8dc" ->
          (instance, args) -> i32(heap.add(new LinkedHashSet<>(iterate(arg(args, 0)))));
      case "__wbg_new_b1f2d6842d615181" ->
          (instance, args) -> i32(heap.add(uint8Array(arg(args, 0))));
      // array[index]
      case "__wbg_get_0ee8ea3c7c984c45" ->
          (instance, args) -> {
            Js.JsArray array = (Js.JsArray) arg(args, 0);
            int index = (int) args[1];
            return i32(heap.add(index < array.size() ? array.get(index) : Js.Undefined.VALUE));
          };
      // Reflect.get(target, key)
      case "__wbg_get_3fddfed2c83f434c" ->
          handled(args -> i32(heap.add(reflectGet(arg(args, 0), arg(args, 1)))));
      case "__wbg_length_161c0d89c6535c1d", "__wbg_length_21c4b0ae73cba59d" ->
          (instance, args) -> i32(length(arg(args, 0)));
      // map.set(key, value) returning the map
      case "__wbg_set_e4cfc2763115ffc7" ->
          (instance, args) -> {
            Js.JsMap map = (Js.JsMap) arg(args, 0);
            map.put(arg(args, 1), arg(args, 2));
            return i32(heap.add(map));
          };
      // uint8Array.set(source, offset)
      case "__wbg_set_7d988c98e6ced92d" ->
          voidResult(
              args ->
                  ((Js.Uint8Array) arg(args, 0)).set((Js.Uint8Array) arg(args, 1), (int) args[2]));
      // Reflect.set(target, key, value)
      case "__wbg_set_961700853a212a39" ->
          handled(args -> bool(reflectSet(arg(args, 0), arg(args, 1), arg(args, 2))));
      case "__wbg_call_3f093dd26d5569f8",
          "__wbg_call_67f2111acd2dfdb6",
          "__wbg_call_ef6edd65b3d356b6" ->
          caller();
      default -> null;
    };
  }

  // --- behaviour shared by several imports ---

  private static boolean reflectSet(Object target, Object key, Object value) {
    switch (target) {
      case Js.JsObject object -> object.put(String.valueOf(key), value);
      case Js.JsArray array -> {
        int index = ((Double) key).intValue();
        while (array.size() <= index) {
          array.add(Js.Undefined.VALUE);
        }
        array.set(index, value);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** {@code call_<hash>} with 0, 1 or 2 arguments after {@code this}. */
  private WasmFunctionHandle caller() {
    return handled(
        args -> {
          Js.JsFunction function = (Js.JsFunction) arg(args, 0);
          Object[] callArgs = new Object[args.length - 2];
          for (int i = 2; i < args.length; i++) {
            callArgs[i - 2] = heap.get((int) args[i]);
          }
          return i32(heap.add(function.call(arg(args, 1), callArgs)));
        });
  }

  private Object reflectGet(Object target, Object key) {
    if (target instanceof Js.WasmObject object && "__wbg_ptr".equals(key)) {
      return (double) object.ptr();
    }
    return property(target, String.valueOf(key));
  }

  private static Object property(Object target, String key) {
    if (target instanceof Js.JsObject object) {
      return object.getOrDefault(key, Js.Undefined.VALUE);
    }
    if (target instanceof Js.JsMap) {
      return Js.Undefined.VALUE;
    }
    if (target == Js.Undefined.VALUE || target == Js.Null.VALUE) {
      throw new JsThrow(new Js.JsError("TypeError: cannot read " + key + " of " + target));
    }
    return Js.Undefined.VALUE;
  }

  private static int length(Object value) {
    return switch (value) {
      case Js.JsArray array -> array.size();
      case Js.Uint8Array bytes -> bytes.length();
      case String s -> s.length();
      default -> throw new JsThrow(new Js.JsError("no length on " + value));
    };
  }

  private static List<Object> iterate(Object value) {
    return switch (value) {
      case Js.JsArray array -> array;
      case java.util.Collection<?> collection -> new ArrayList<>(collection);
      case Js.JsMap map -> {
        List<Object> pairs = new ArrayList<>();
        map.forEach((k, v) -> pairs.add(new Js.JsArray(List.of(k, v))));
        yield pairs;
      }
      case Js.Undefined u -> List.of();
      default -> throw new JsThrow(new Js.JsError("TypeError: not iterable: " + value));
    };
  }

  private static Js.JsArray entries(Object value) {
    Js.JsArray entries = new Js.JsArray();
    if (value instanceof Js.JsObject object) {
      for (Map.Entry<String, Object> entry : object.entrySet()) {
        entries.add(new Js.JsArray(List.of(entry.getKey(), entry.getValue())));
      }
    }
    return entries;
  }

  private Js.ArrayBuffer buffer(Object value) {
    return switch (value) {
      case WasmMemory memory -> Js.ArrayBuffer.of(wasm.memory());
      case Js.Uint8Array bytes -> bytes.buffer();
      default -> throw new JsThrow(new Js.JsError("no buffer on " + value));
    };
  }

  private Js.Uint8Array uint8Array(Object source) {
    return switch (source) {
      case Js.ArrayBuffer buffer when buffer.memory() != null ->
          new Js.Uint8Array(buffer, 0, buffer.memory().pages() * 65536);
      case Js.ArrayBuffer buffer -> new Js.Uint8Array(buffer, 0, buffer.bytes().length);
      case Js.Uint8Array bytes -> Js.Uint8Array.copyOf(bytes.toBytes());
      default -> throw new JsThrow(new Js.JsError("TypeError: new Uint8Array(" + source + ")"));
    };
  }

  private Js.JsFunction globalFunction() {
    // js_sys::global()'s last resort is `new Function("return this")`.
    return (thisArg, args) -> global;
  }

  private void numberGet(int retptr, Object value) {
    boolean isNumber = value instanceof Double;
    wasm.memory().writeF64(retptr + 8, isNumber ? (Double) value : 0);
    wasm.memory().writeI32(retptr, isNumber ? 1 : 0);
  }

  private void stringGet(int retptr, Object value) {
    if (value instanceof String s) {
      wasm.writeStringResult(retptr, s);
    } else {
      wasm.memory().writeI32(retptr, 0);
      wasm.memory().writeI32(retptr + 4, 0);
    }
  }

  private void consoleError(int ptr, int length) {
    System.err.println("[ywasm] " + wasm.readString(ptr, length));
    wasm.free(ptr, length, 1);
  }

  private static void fillRandom(Js.Uint8Array target) {
    byte[] random = new byte[target.length()];
    RANDOM.nextBytes(random);
    target.write(0, random);
  }

  // --- plumbing ---

  /** The glue's handleError: a JS exception is stored in Rust and the import returns 0. */
  private WasmFunctionHandle handled(Body body) {
    return (instance, args) -> {
      try {
        return body.apply(args);
      } catch (JsThrow e) {
        wasm.storeException(heap.add(e.value()));
        return i32(0);
      }
    };
  }

  private WasmFunctionHandle throwing(java.util.function.Function<long[], Object> error) {
    return handled(
        args -> {
          throw new JsThrow(error.apply(args));
        });
  }

  private static WasmFunctionHandle unsupported(String name) {
    return (instance, args) -> {
      throw new UnsupportedOperationException(
          "wasm-bindgen import " + name + " is not implemented by crdt-bench's Java glue");
    };
  }

  private interface Body {
    long[] apply(long[] args);
  }

  private interface VoidBody {
    void apply(long[] args);
  }

  private static WasmFunctionHandle voidResult(VoidBody body) {
    return (instance, args) -> {
      body.apply(args);
      return null;
    };
  }

  private Object arg(long[] args, int index) {
    return heap.get((int) args[index]);
  }

  private static long[] i32(int value) {
    return new long[] {value};
  }

  private static long[] bool(boolean value) {
    return i32(value ? 1 : 0);
  }

  /** wasm-bindgen's import names end in a hash ({@code __wbg_crypto_d05b68a3572bb8ca}). */
  static String withoutHash(String name) {
    int last = name.lastIndexOf('_');
    if (last > 0
        && name.length() - last - 1 == 16
        && name.substring(last + 1).matches("[0-9a-f]+")) {
      return name.substring(0, last);
    }
    return name;
  }

  /** The {@code WebAssembly.Memory} object ({@code wasm.memory}). */
  record WasmMemory() {}
}
