package dev.symphony.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * How a version is stored as one blob (a file, an object): a one-line JSON header ({@code id},
 * {@code created}, {@code name}, {@code trigger}), a newline, then the document as a Yjs update.
 * One blob per version makes each write atomic; the header lets a listing read only the start.
 */
public final class VersionBlob {

  /** A header never grows past this (the name is limited), so a listing reads this much. */
  public static final int MAX_HEADER_BYTES = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();

  private VersionBlob() {}

  public static byte[] encode(VersionRecord version, byte[] update) {
    ObjectNode header = JSON.createObjectNode();
    header.put("id", version.id());
    header.put("created", version.created().toString());
    if (version.name() != null) {
      header.put("name", version.name());
    }
    header.put("trigger", version.trigger().label());
    byte[] head = header.toString().getBytes(StandardCharsets.UTF_8); // JSON escapes newlines
    byte[] blob = Arrays.copyOf(head, head.length + 1 + update.length);
    blob[head.length] = '\n';
    System.arraycopy(update, 0, blob, head.length + 1, update.length);
    return blob;
  }

  /**
   * Reads the header from the start of a blob of {@code totalBytes} bytes.
   *
   * @throws IOException when the start is not a version header
   */
  public static VersionRecord header(byte[] start, long totalBytes) throws IOException {
    int newline = headerEnd(start);
    try {
      JsonNode header = JSON.readTree(new String(start, 0, newline, StandardCharsets.UTF_8));
      JsonNode name = header.get("name");
      return new VersionRecord(
          header.get("id").asText(),
          Instant.parse(header.get("created").asText()),
          name == null || name.isNull() ? null : name.asText(),
          totalBytes - newline - 1,
          VersionRecord.Trigger.ofLabel(header.get("trigger").asText()));
    } catch (RuntimeException e) {
      throw new IOException("not a version: bad header (" + e.getMessage() + ")", e);
    }
  }

  /** The update a whole blob holds. */
  public static byte[] update(byte[] blob) throws IOException {
    int newline = headerEnd(blob);
    return Arrays.copyOfRange(blob, newline + 1, blob.length);
  }

  private static int headerEnd(byte[] start) throws IOException {
    for (int i = 0; i < start.length; i++) {
      if (start[i] == '\n') {
        return i;
      }
    }
    throw new IOException("not a version: no header line");
  }
}
