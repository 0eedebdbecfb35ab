package dev.symphony.load.measure;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** Histogram helpers: one shape for every latency we record, and a text form for result files. */
public final class Histograms {

  /** Up to one hour in microseconds, three significant digits. */
  public static final long HIGHEST_MICROS = 3_600_000_000L;

  public static final int DIGITS = 3;

  private Histograms() {}

  public static Histogram newMicros() {
    return new Histogram(1, HIGHEST_MICROS, DIGITS);
  }

  /** Base64 of HdrHistogram's compressed encoding. */
  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  public static Histogram decode(String base64) {
    if (base64 == null || base64.isEmpty()) {
      return newMicros();
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(base64);
      Histogram decoded =
          Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), HIGHEST_MICROS);
      Histogram shaped = newMicros();
      shaped.add(decoded);
      return shaped;
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("not an encoded histogram", e);
    }
  }
}
