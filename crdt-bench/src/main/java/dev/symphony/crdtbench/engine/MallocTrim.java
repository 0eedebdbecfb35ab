package dev.symphony.crdtbench.engine;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.Optional;

/**
 * Calls glibc's {@code malloc_trim(0)} so freed native memory is handed back to the OS before the
 * RSS is read; otherwise memory a native engine freed after a transient peak still counts.
 *
 * <p>The Foreign Function API is final only from JDK 22 and this module targets 21, so it is
 * reached by reflection; without it (JDK 21, musl, macOS) trimming is skipped.
 */
final class MallocTrim {

  private static final Optional<MethodHandle> HANDLE = lookup();

  private MallocTrim() {}

  /** Whether trimming works here; when it does not, RSS includes freed-but-kept memory. */
  static boolean available() {
    return HANDLE.isPresent();
  }

  static void trim() {
    if (HANDLE.isEmpty()) {
      return;
    }
    try {
      int released = (int) HANDLE.get().invoke(0L);
      assert released >= 0;
    } catch (Throwable e) {
      throw new IllegalStateException("malloc_trim failed", e);
    }
  }

  private static Optional<MethodHandle> lookup() {
    try {
      Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
      Class<?> symbolLookup = Class.forName("java.lang.foreign.SymbolLookup");
      Class<?> memorySegment = Class.forName("java.lang.foreign.MemorySegment");
      Class<?> memoryLayout = Class.forName("java.lang.foreign.MemoryLayout");
      Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
      Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
      Class<?> option = Class.forName("java.lang.foreign.Linker$Option");

      Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
      Object libc = linkerClass.getMethod("defaultLookup").invoke(linker);
      Optional<?> symbol =
          (Optional<?>) symbolLookup.getMethod("find", String.class).invoke(libc, "malloc_trim");
      if (symbol.isEmpty()) {
        return Optional.empty();
      }
      Object argument = Array.newInstance(memoryLayout, 1);
      Array.set(argument, 0, valueLayout.getField("JAVA_LONG").get(null));
      Object signature =
          descriptor
              .getMethod("of", memoryLayout, argument.getClass())
              .invoke(null, valueLayout.getField("JAVA_INT").get(null), argument);
      Object handle =
          linkerClass
              .getMethod("downcallHandle", memorySegment, descriptor, option.arrayType())
              .invoke(linker, symbol.get(), signature, Array.newInstance(option, 0));
      return Optional.of((MethodHandle) handle);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }
}
