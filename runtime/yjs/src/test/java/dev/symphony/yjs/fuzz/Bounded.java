package dev.symphony.yjs.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Runs one fuzz input under the guarantees the engine gives for hostile bytes: it ends quickly and
 * allocates no more than a server would accept in one frame.
 */
final class Bounded {

  /** The server's default maximum message size: no input may make the engine allocate more. */
  static final long FRAME_LIMIT_BYTES = 16L * 1024 * 1024;

  /** Far above any real input's time, far below a hang. */
  static final Duration TIME_LIMIT = Duration.ofSeconds(10);

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** A body that may throw only the documented exception. */
  interface Body {
    void run() throws Exception;
  }

  private Bounded() {}

  static void run(Class<? extends Exception> documented, Body body) {
    // Once unmeasured: the first run of a code path loads and initialises classes, which counts
    // as this thread's allocation but is no cost of the input.
    attempt(documented, body);
    long thread = Thread.currentThread().threadId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    attempt(documented, body);
    long elapsed = System.nanoTime() - start;
    long allocated = THREADS.getThreadAllocatedBytes(thread) - allocatedBefore;
    assertThat(Duration.ofNanos(elapsed)).as("time for one input").isLessThan(TIME_LIMIT);
    assertThat(allocated).as("bytes allocated for one input").isLessThan(FRAME_LIMIT_BYTES);
  }

  private static void attempt(Class<? extends Exception> documented, Body body) {
    try {
      body.run();
    } catch (Exception e) {
      if (!documented.isInstance(e)) {
        throw new AssertionError("undocumented exception " + e, e);
      }
    }
  }
}
