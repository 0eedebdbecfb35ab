package dev.symphony.crdtbench.engine.ywasm;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One instance of ywasm's WebAssembly module on Chicory, with typed calls for the exports the
 * benchmarks use. Each method does what the matching method of wasm-bindgen's {@code ywasm.js}
 * does: pass strings and byte arrays through {@code __wbindgen_malloc}, JS values through the
 * {@link JsHeap}, and read results from the 16-byte return area on the shadow stack.
 *
 * <p>Not thread-safe, like a JavaScript realm: one thread uses an instance at a time.
 */
final class YwasmModule {

  private final JsHeap heap = new JsHeap();
  private final Instance instance;
  private final Memory memory;
  private final ExportFunction addToStackPointer;
  private final ExportFunction malloc;
  private final ExportFunction free;
  private final ExportFunction exnStore;
  private final Exports exports;

  /** Parses and compiles a module once; each {@link #instantiate} is then cheap. */
  record Compiled(WasmModule module, Function<Instance, Machine> machine) {
    static Compiled load(Path wasmFile) {
      WasmModule module = Parser.parse(wasmFile);
      // Chicory compiles WebAssembly to JVM bytecode (the JIT then optimises it like Java code).
      return new Compiled(module, MachineFactoryCompiler.compile(module));
    }
  }

  private YwasmModule(Compiled compiled) {
    WasmBindgenImports imports = new WasmBindgenImports(this, heap);
    this.instance =
        Instance.builder(compiled.module())
            .withImportValues(
                ImportValues.builder().withFunctions(imports.forModule(compiled.module())).build())
            .withMachineFactory(compiled.machine())
            .withMemoryFactory(ByteArrayMemory::new)
            .build();
    this.memory = instance.memory();
    this.addToStackPointer = export("__wbindgen_add_to_stack_pointer");
    this.malloc = export("__wbindgen_malloc");
    this.free = export("__wbindgen_free");
    this.exnStore = export("__wbindgen_exn_store");
    this.exports = new Exports();
  }

  static YwasmModule instantiate(Compiled compiled) {
    return new YwasmModule(compiled);
  }

  private ExportFunction export(String name) {
    return instance.export(name);
  }

  Memory memory() {
    return memory;
  }

  /** Bytes of WebAssembly linear memory (it only grows). */
  long linearMemoryBytes() {
    return (long) memory.pages() * 65536;
  }

  int liveJsValues() {
    return heap.liveCount();
  }

  // --- what the generated glue's helpers do ---

  String readString(int ptr, int length) {
    return new String(memory.readBytes(ptr, length), StandardCharsets.UTF_8);
  }

  /** passStringToWasm0: a UTF-8 copy in wasm memory, owned by Rust from then on. */
  private int passString(byte[] utf8) {
    int ptr = (int) malloc.apply(utf8.length, 1)[0];
    memory.write(ptr, utf8);
    return ptr;
  }

  /** Writes (ptr, len) of a new string to a return area, as string_get / debug_string do. */
  void writeStringResult(int retptr, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int ptr = passString(utf8);
    memory.writeI32(retptr + 4, utf8.length);
    memory.writeI32(retptr, ptr);
  }

  void free(int ptr, int length, int align) {
    free.apply(ptr, length, align);
  }

  void storeException(int heapIndex) {
    exnStore.apply(heapIndex);
  }

  /** Runs an export that writes its results to a 16-byte return area; returns the 4 words. */
  private int[] withReturnArea(ReturnAreaCall call) {
    int retptr = (int) addToStackPointer.apply(-16)[0];
    try {
      call.apply(retptr);
      return new int[] {
        memory.readInt(retptr), memory.readInt(retptr + 4),
        memory.readInt(retptr + 8), memory.readInt(retptr + 12)
      };
    } finally {
      addToStackPointer.apply(16);
    }
  }

  private interface ReturnAreaCall {
    void apply(int retptr);
  }

  /** Result words {@code (errorIndex, isError)}: throw the JS error, if any. */
  private void throwIfError(int[] result, int flagWord, int errorWord) {
    if (result[flagWord] != 0) {
      throw new JsThrow(heap.take(result[errorWord]));
    }
  }

  private int txnValue(int txn) {
    return heap.add(new Js.WasmObject("ytransaction", txn));
  }

  // --- the ywasm API the benchmarks use ---

  Exports api() {
    return exports;
  }

  /** Typed calls, named after the exports they wrap. */
  final class Exports {
    private final ExportFunction ydocNew = export("ydoc_new");
    private final ExportFunction ydocFree = export("__wbg_ydoc_free");
    private final ExportFunction ydocGetText = export("ydoc_getText");
    private final ExportFunction ydocGetArray = export("ydoc_getArray");
    private final ExportFunction ydocGetMap = export("ydoc_getMap");
    private final ExportFunction ydocBeginTransaction = export("ydoc_beginTransaction");
    private final ExportFunction ydocOnUpdate = export("ydoc_onUpdate");
    private final ExportFunction observerFree = export("__wbg_observer_free");
    private final ExportFunction textFree = export("__wbg_ytext_free");
    private final ExportFunction arrayFree = export("__wbg_yarray_free");
    private final ExportFunction mapFree = export("__wbg_ymap_free");
    private final ExportFunction transactionFree = export("__wbg_ytransaction_free");
    private final ExportFunction textInsert = export("ytext_insert");
    private final ExportFunction textDelete = export("ytext_delete");
    private final ExportFunction textToString = export("ytext_toString");
    private final ExportFunction arrayInsert = export("yarray_insert");
    private final ExportFunction arrayToJson = export("yarray_toJson");
    private final ExportFunction mapSet = export("ymap_set");
    private final ExportFunction mapToJson = export("ymap_toJson");
    private final ExportFunction applyV1 = export("ytransaction_applyV1");
    private final ExportFunction encodeStateAsUpdate = export("encodeStateAsUpdate");

    /** {@code new YDoc({clientID})}. */
    int newDoc(long clientId) {
      Js.JsObject settings = new Js.JsObject();
      settings.put("clientID", (double) clientId);
      int options = heap.borrow(settings);
      try {
        int[] result = withReturnArea(retptr -> ydocNew.apply(retptr, options));
        throwIfError(result, 2, 1);
        return result[0];
      } finally {
        heap.releaseBorrowed();
      }
    }

    void freeDoc(int doc) {
      ydocFree.apply(doc);
    }

    int getText(int doc, String name) {
      return rootType(ydocGetText, doc, name);
    }

    int getArray(int doc, String name) {
      return rootType(ydocGetArray, doc, name);
    }

    int getMap(int doc, String name) {
      return rootType(ydocGetMap, doc, name);
    }

    private int rootType(ExportFunction getter, int doc, String name) {
      byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
      int ptr = passString(utf8);
      return (int) getter.apply(doc, ptr, utf8.length)[0];
    }

    void freeText(int text) {
      textFree.apply(text);
    }

    void freeArray(int array) {
      arrayFree.apply(array);
    }

    void freeMap(int map) {
      mapFree.apply(map);
    }

    /** A read-write transaction; {@link #commit} commits and frees it. */
    int beginTransaction(int doc) {
      // The origin is null. Rust never releases the origin it is given (ywasm leaks one JS heap
      // slot per transaction in JavaScript too), so pass the permanent null slot.
      return (int) ydocBeginTransaction.apply(doc, JsHeap.NULL)[0];
    }

    void commit(int txn) {
      transactionFree.apply(txn);
    }

    /** Registers a callback for every update (lib0 v1 encoding); returns the observer. */
    int onUpdate(int doc, java.util.function.Consumer<byte[]> listener) {
      Js.JsFunction callback =
          (thisArg, args) -> {
            listener.accept(((Js.Uint8Array) args[0]).toBytes());
            return Js.Undefined.VALUE;
          };
      int[] result = withReturnArea(retptr -> ydocOnUpdate.apply(retptr, doc, heap.add(callback)));
      throwIfError(result, 2, 1);
      return result[0];
    }

    void freeObserver(int observer) {
      observerFree.apply(observer);
    }

    void insertText(int text, int index, String chunk, int txn) {
      byte[] utf8 = chunk.getBytes(StandardCharsets.UTF_8);
      int ptr = passString(utf8);
      int attributes = heap.add(Js.Undefined.VALUE);
      int transaction = txnValue(txn);
      int[] result =
          withReturnArea(
              retptr ->
                  textInsert.apply(retptr, text, index, ptr, utf8.length, attributes, transaction));
      throwIfError(result, 1, 0);
    }

    void deleteText(int text, int index, int length, int txn) {
      int transaction = txnValue(txn);
      int[] result =
          withReturnArea(retptr -> textDelete.apply(retptr, text, index, length, transaction));
      throwIfError(result, 1, 0);
    }

    String textToString(int text, int txn) {
      int transaction = heap.borrow(new Js.WasmObject("ytransaction", txn));
      try {
        int[] result = withReturnArea(retptr -> textToString.apply(retptr, text, transaction));
        throwIfError(result, 3, 2);
        String value = readString(result[0], result[1]);
        free(result[0], result[1], 1);
        return value;
      } finally {
        heap.releaseBorrowed();
      }
    }

    /** passArrayJsValueToWasm0: an array of heap indices, owned by Rust. */
    void insertArray(int array, int index, List<?> values, int txn) {
      int ptr = (int) malloc.apply(values.size() * 4L, 4)[0];
      for (int i = 0; i < values.size(); i++) {
        memory.writeI32(ptr + 4 * i, heap.add(JsJson.fromJava(values.get(i))));
      }
      int transaction = txnValue(txn);
      int[] result =
          withReturnArea(
              retptr -> arrayInsert.apply(retptr, array, index, ptr, values.size(), transaction));
      throwIfError(result, 1, 0);
    }

    Object arrayToJson(int array, int txn) {
      return toJson(arrayToJson, array, txn);
    }

    void setMap(int map, String key, Object value, int txn) {
      byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
      int ptr = passString(utf8);
      int jsValue = heap.add(JsJson.fromJava(value));
      int transaction = txnValue(txn);
      int[] result =
          withReturnArea(
              retptr -> mapSet.apply(retptr, map, ptr, utf8.length, jsValue, transaction));
      throwIfError(result, 1, 0);
    }

    Object mapToJson(int map, int txn) {
      return toJson(mapToJson, map, txn);
    }

    private Object toJson(ExportFunction function, int shared, int txn) {
      int transaction = heap.borrow(new Js.WasmObject("ytransaction", txn));
      try {
        int[] result = withReturnArea(retptr -> function.apply(retptr, shared, transaction));
        throwIfError(result, 2, 1);
        return JsJson.toJava(heap.take(result[0]));
      } finally {
        heap.releaseBorrowed();
      }
    }

    void applyUpdate(int txn, byte[] update) {
      int bytes = heap.add(Js.Uint8Array.copyOf(update));
      int[] result = withReturnArea(retptr -> applyV1.apply(retptr, txn, bytes));
      throwIfError(result, 1, 0);
    }

    byte[] encodeStateAsUpdate(int doc) {
      int[] result = withReturnArea(retptr -> encodeStateAsUpdate.apply(retptr, doc, 0));
      throwIfError(result, 2, 1);
      return ((Js.Uint8Array) heap.take(result[0])).toBytes();
    }
  }
}
