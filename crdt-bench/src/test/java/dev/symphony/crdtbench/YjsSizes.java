package dev.symphony.crdtbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The sizes Yjs 13.6.33 produces for each benchmark (recorded by the Node runner on the same inputs
 * and client ids), to check that Symphony encodes exactly like Yjs.
 */
final class YjsSizes {

  private static final JsonNode SIZES = read();

  /** docSize and the benchmark's update-size metric (null when it has none). */
  record Sizes(Long docSize, Long updateSize) {}

  private YjsSizes() {}

  static Sizes of(String scenarioId) {
    JsonNode sizes = SIZES.get(scenarioId);
    if (sizes == null) {
      throw new IllegalArgumentException("no Yjs sizes recorded for " + scenarioId);
    }
    JsonNode update = sizes.get("updateSize");
    return new Sizes(sizes.get("docSize").asLong(), update == null ? null : update.asLong());
  }

  private static JsonNode read() {
    try (InputStream in = YjsSizes.class.getResourceAsStream("/yjs-sizes.json")) {
      return new ObjectMapper().readTree(in).get("sizes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
