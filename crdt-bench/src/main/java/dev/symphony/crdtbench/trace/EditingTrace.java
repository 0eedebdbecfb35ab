package dev.symphony.crdtbench.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * A sequential editing trace of josephg/editing-traces: transactions of patches {@code [position,
 * deleted, inserted]} that turn {@code startContent} into {@code endContent}. Stored as flat arrays
 * (260k patches) so replaying it measures the engine, not the trace.
 */
public final class EditingTrace {

  private static final ConcurrentHashMap<Path, EditingTrace> CACHE = new ConcurrentHashMap<>();

  private final String startContent;
  private final String endContent;
  private final int[] transactionStarts; // patch index of each transaction, plus a final sentinel
  private final int[] positions;
  private final int[] deleteCounts;
  private final String[] inserts;

  private EditingTrace(
      String startContent,
      String endContent,
      int[] transactionStarts,
      int[] positions,
      int[] deleteCounts,
      String[] inserts) {
    this.startContent = startContent;
    this.endContent = endContent;
    this.transactionStarts = transactionStarts;
    this.positions = positions;
    this.deleteCounts = deleteCounts;
    this.inserts = inserts;
  }

  /** Loads (once per JVM) a trace of the data folder, e.g. {@code automerge-paper.json.gz}. */
  public static EditingTrace load(String fileName) {
    return CACHE.computeIfAbsent(DataFiles.trace(fileName), EditingTrace::read);
  }

  static EditingTrace read(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
        JsonParser parser = new JsonFactory().createParser(in)) {
      return new Reader(parser).read();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read editing trace " + file, e);
    }
  }

  public String startContent() {
    return startContent;
  }

  public String endContent() {
    return endContent;
  }

  public int transactionCount() {
    return transactionStarts.length - 1;
  }

  public int patchCount() {
    return positions.length;
  }

  public int firstPatch(int transaction) {
    return transactionStarts[transaction];
  }

  public int endPatch(int transaction) {
    return transactionStarts[transaction + 1];
  }

  public int position(int patch) {
    return positions[patch];
  }

  public int deleteCount(int patch) {
    return deleteCounts[patch];
  }

  /** The inserted text, or an empty string. */
  public String insert(int patch) {
    return inserts[patch];
  }

  /** Streams the JSON: the trace's fields may come in any order, and other fields are skipped. */
  private static final class Reader {
    private final JsonParser parser;
    private String start = "";
    private String end;
    private int[] txStarts = new int[1024];
    private int txCount;
    private int[] pos = new int[1024];
    private int[] del = new int[1024];
    private String[] ins = new String[1024];
    private int patchCount;

    Reader(JsonParser parser) {
      this.parser = parser;
    }

    EditingTrace read() throws IOException {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "startContent" -> start = parser.getText();
          case "endContent" -> end = parser.getText();
          case "txns" -> readTransactions(value);
          default -> parser.skipChildren();
        }
      }
      if (end == null || txCount == 0) {
        throw new IOException("not a sequential editing trace (no endContent or txns)");
      }
      int[] starts = Arrays.copyOf(txStarts, txCount + 1);
      starts[txCount] = patchCount;
      return new EditingTrace(
          start,
          end,
          starts,
          Arrays.copyOf(pos, patchCount),
          Arrays.copyOf(del, patchCount),
          Arrays.copyOf(ins, patchCount));
    }

    private void readTransactions(JsonToken arrayStart) throws IOException {
      expect(arrayStart, JsonToken.START_ARRAY);
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        if (txCount == txStarts.length) {
          txStarts = Arrays.copyOf(txStarts, txCount * 2);
        }
        txStarts[txCount++] = patchCount;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if (field.equals("patches")) {
            readPatches(value);
          } else {
            parser.skipChildren();
          }
        }
      }
    }

    private void readPatches(JsonToken arrayStart) throws IOException {
      expect(arrayStart, JsonToken.START_ARRAY);
      while (parser.nextToken() == JsonToken.START_ARRAY) {
        if (patchCount == pos.length) {
          int capacity = patchCount * 2;
          pos = Arrays.copyOf(pos, capacity);
          del = Arrays.copyOf(del, capacity);
          ins = Arrays.copyOf(ins, capacity);
        }
        expect(parser.nextToken(), JsonToken.VALUE_NUMBER_INT);
        pos[patchCount] = parser.getIntValue();
        expect(parser.nextToken(), JsonToken.VALUE_NUMBER_INT);
        del[patchCount] = parser.getIntValue();
        expect(parser.nextToken(), JsonToken.VALUE_STRING);
        ins[patchCount] = parser.getText();
        expect(parser.nextToken(), JsonToken.END_ARRAY);
        patchCount++;
      }
    }

    private void expect(JsonToken actual, JsonToken expected) throws IOException {
      if (actual != expected) {
        throw new IOException(
            "unexpected " + actual + " (wanted " + expected + ") at " + parser.currentLocation());
      }
    }
  }
}
