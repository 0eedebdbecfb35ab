package dev.symphony.server.room;

import dev.symphony.server.protocol.MessageDecoder;
import dev.symphony.server.protocol.YMessage;
import java.util.ArrayList;
import java.util.List;

/** A connection that remembers what the room sent it and how it was closed. */
final class RecordingConnection implements Connection {

  private final String name;
  final List<byte[]> frames = new ArrayList<>();
  boolean joined;
  Integer closeCode;
  String closeReason;

  RecordingConnection(String name) {
    this.name = name;
  }

  @Override
  public String remoteAddress() {
    return name;
  }

  @Override
  public void send(OutboundMessage message) {
    var buffer = message.retainedBuffer();
    try {
      byte[] bytes = new byte[buffer.readableBytes()];
      buffer.readBytes(bytes);
      frames.add(bytes);
    } finally {
      buffer.release();
    }
  }

  @Override
  public void close(int code, String reason) {
    closeCode = code;
    closeReason = reason;
  }

  @Override
  public void joined() {
    joined = true;
  }

  List<YMessage> messages() {
    List<YMessage> decoded = new ArrayList<>();
    for (byte[] frame : frames) {
      try {
        decoded.add(MessageDecoder.decode(frame));
      } catch (Exception e) {
        throw new AssertionError("the room sent a malformed frame", e);
      }
    }
    return decoded;
  }

  <T extends YMessage> List<T> messages(Class<T> kind) {
    return messages().stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  void clear() {
    frames.clear();
  }
}
