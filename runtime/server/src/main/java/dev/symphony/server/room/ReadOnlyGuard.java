package dev.symphony.server.room;

import dev.symphony.server.protocol.MessageEncoder;
import dev.symphony.server.protocol.YMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a read-only client's document updates: never applied, never forwarded, told so. */
final class ReadOnlyGuard {

  private static final Logger log = LoggerFactory.getLogger(ReadOnlyGuard.class);

  /** An update with no structs and no deletions (what a client in sync sends as sync step 2). */
  private static final int EMPTY_UPDATE_BYTES = 2;

  static final String REASON = "read-only access: document updates are not accepted";

  private ReadOnlyGuard() {}

  static void refuse(String roomId, Connection from, byte[] update) {
    if (update.length <= EMPTY_UPDATE_BYTES) {
      return; // nothing to refuse: a read-only client answering our sync step 1 with nothing new
    }
    log.debug("room={} remote={} read-only update refused", roomId, from.remoteAddress());
    byte[] denied =
        MessageEncoder.encode(new YMessage.Auth(YMessage.Auth.PERMISSION_DENIED, REASON));
    try (OutboundMessage message = OutboundMessage.of(denied)) {
      from.send(message);
    }
  }
}
