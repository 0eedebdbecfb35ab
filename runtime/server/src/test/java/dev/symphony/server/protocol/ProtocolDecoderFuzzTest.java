package dev.symphony.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.management.ManagementFactory;

/**
 * Fuzzes the y-websocket message decoder (and the awareness payload decoder behind it): any bytes
 * decode or fail with {@link MalformedMessageException}, quickly and without allocating more than
 * one frame. Without {@code -Pfuzz} it replays its seed corpus in {@code
 * src/test/resources/dev/symphony/server/protocol/ProtocolDecoderFuzzTestInputs}.
 */
class ProtocolDecoderFuzzTest {

  private static final long FRAME_LIMIT_BYTES = 16L * 1024 * 1024;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @FuzzTest(maxDuration = "3m")
  void decode(byte[] frame) {
    roundTrip(frame); // once unmeasured: class loading is no cost of the input
    long thread = Thread.currentThread().threadId();
    long before = THREADS.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    roundTrip(frame);
    assertThat(System.nanoTime() - start)
        .as("nanoseconds for one frame")
        .isLessThan(5_000_000_000L);
    assertThat(THREADS.getThreadAllocatedBytes(thread) - before)
        .as("bytes allocated for one frame")
        .isLessThan(FRAME_LIMIT_BYTES);
  }

  private static void roundTrip(byte[] frame) {
    try {
      YMessage message = MessageDecoder.decode(frame);
      if (message instanceof YMessage.Awareness awareness) {
        AwarenessUpdate.decode(awareness.update());
      }
      // Whatever decodes encodes back to a message that decodes the same way.
      assertThat(MessageDecoder.decode(MessageEncoder.encode(message)))
          .usingRecursiveComparison()
          .isEqualTo(message);
    } catch (MalformedMessageException documented) {
      // the one documented failure
    }
  }
}
