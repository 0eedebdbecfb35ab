package dev.symphony.server.room;

import dev.symphony.server.metrics.RejectReason;
import dev.symphony.server.metrics.RuntimeMetrics;
import dev.symphony.server.protocol.MessageEncoder;
import dev.symphony.server.protocol.YMessage;
import dev.symphony.yjs.YDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a room's document under its size limit: updates that would pass it are refused, and the
 * sender is told so with a permission-denied message (nothing is dropped silently). The size is the
 * room's running estimate (last encoded size plus the updates since); only when that passes the
 * limit is the document encoded to measure it exactly. One per room, on the room's executor.
 */
final class DocumentSizeGuard {

  private static final Logger log = LoggerFactory.getLogger(DocumentSizeGuard.class);

  private final String roomId;
  private final long maxBytes;
  private final RuntimeMetrics metrics;

  /** The estimate at which the document was last found full; refusals until it changes are free. */
  private long fullAtEstimate = -1;

  DocumentSizeGuard(String roomId, long maxBytes, RuntimeMetrics metrics) {
    this.roomId = roomId;
    this.maxBytes = maxBytes;
    this.metrics = metrics;
  }

  /**
   * Whether an update of {@code updateBytes} keeps the document within the limit. Encodes the
   * document to measure it only when the estimate says full and it changed since it was last found
   * full.
   */
  boolean fits(RoomStats stats, YDoc doc, int updateBytes) {
    if (stats.documentBytes() + updateBytes <= maxBytes) {
      return true;
    }
    if (stats.documentBytes() == fullAtEstimate) {
      return false;
    }
    long exact = doc.encodeStateAsUpdate().length;
    stats.documentBytes(exact);
    if (exact + updateBytes <= maxBytes) {
      return true;
    }
    fullAtEstimate = exact;
    return false;
  }

  /** Whether {@code from}'s update of {@code updateBytes} may be applied; answers it if not. */
  boolean admits(Connection from, RoomStats stats, YDoc doc, int updateBytes) {
    long fullBefore = fullAtEstimate;
    if (fits(stats, doc, updateBytes)) {
      return true;
    }
    if (fullAtEstimate != fullBefore) {
      log.warn(
          "room={} document is full ({} bytes, limit {}): refusing updates, first from {}",
          roomId,
          fullAtEstimate,
          maxBytes,
          from.remoteAddress());
    }
    metrics.rejected(RejectReason.DOCUMENT_FULL);
    String reason = "document is full: the room's limit is " + maxBytes + " bytes";
    try (OutboundMessage denied =
        OutboundMessage.of(
            MessageEncoder.encode(new YMessage.Auth(YMessage.Auth.PERMISSION_DENIED, reason)))) {
      from.send(denied);
    }
    return false;
  }
}
