package dev.symphony.server.protocol;

import dev.symphony.yjs.YjsDecodingException;
import dev.symphony.yjs.codec.Lib0Reader;
import dev.symphony.yjs.codec.Lib0Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The payload of an awareness message (y-protocols/awareness): a varUint count, then for each
 * client its varUint id, varUint clock and its state as a lib0 string of JSON.
 */
public final class AwarenessUpdate {

  /** More entries than this in one update is not a real client; it only costs memory. */
  public static final int MAX_ENTRIES = 100_000;

  private AwarenessUpdate() {}

  public static List<AwarenessEntry> decode(byte[] update) throws MalformedMessageException {
    try {
      return decodeEntries(update);
    } catch (YjsDecodingException e) {
      throw new MalformedMessageException(
          MalformedMessageException.INVALID_PAYLOAD, e.getMessage());
    }
  }

  private static List<AwarenessEntry> decodeEntries(byte[] update)
      throws MalformedMessageException, YjsDecodingException {
    Lib0Reader reader = new Lib0Reader(update);
    long count = reader.readVarUint();
    if (count > MAX_ENTRIES) {
      throw new MalformedMessageException(
          MalformedMessageException.INVALID_PAYLOAD, "awareness update with " + count + " entries");
    }
    List<AwarenessEntry> entries = new ArrayList<>((int) Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      long clientId = reader.readVarUint();
      long clock = reader.readVarUint();
      entries.add(new AwarenessEntry(clientId, clock, reader.readVarUint8Array()));
    }
    if (reader.hasRemaining()) {
      throw new MalformedMessageException(
          MalformedMessageException.INVALID_PAYLOAD, "unexpected bytes after the awareness update");
    }
    return entries;
  }

  public static byte[] encode(Collection<AwarenessEntry> entries) {
    Lib0Writer writer = new Lib0Writer(16 + entries.size() * 64);
    writer.writeVarUint(entries.size());
    for (AwarenessEntry entry : entries) {
      writer.writeVarUint(entry.clientId());
      writer.writeVarUint(entry.clock());
      writer.writeVarUint8Array(entry.stateJson());
    }
    return writer.toByteArray();
  }
}
