package dev.symphony.crdtbench.engine.ywasm;

/**
 * A JavaScript exception crossing into or out of the WebAssembly module. Host functions throw it
 * where the JS glue would throw; calls into ywasm throw it when Rust reports an error.
 */
final class JsThrow extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Object value;

  JsThrow(Object value) {
    super(Js.describe(value));
    this.value = value;
  }

  Object value() {
    return value;
  }
}
