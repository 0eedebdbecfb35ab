package dev.symphony.server.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One record of the update log: {@code [int length][int crc32c][body]}, the body being {@code [long
 * sequence][short room id length][room id, UTF-8][update]}. The checksum covers the body, so a torn
 * or corrupted record is recognised on reading. A record with an empty update is a checkpoint
 * marker: the room's snapshot holds its records up to {@code sequence}.
 */
record LogRecord(long sequence, String roomId, byte[] update) {
  static final byte[] CHECKPOINT = new byte[0];
  static final int HEADER_BYTES = 8;

  /** Larger bodies are not written by us: reading one means the length field is damaged. */
  static final int MAX_BODY_BYTES = 256 * 1024 * 1024;

  ByteBuffer encode() {
    byte[] room = roomId.getBytes(StandardCharsets.UTF_8);
    if (room.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("room id too long for the update log");
    }
    int bodyLength = 8 + 2 + room.length + update.length;
    ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + bodyLength);
    buffer.putInt(bodyLength).putInt(0).putLong(sequence);
    buffer.putShort((short) room.length).put(room).put(update);
    CRC32C crc = new CRC32C();
    crc.update(buffer.array(), HEADER_BYTES, bodyLength);
    buffer.putInt(4, (int) crc.getValue());
    return buffer.flip();
  }

  static boolean checksumMatches(ByteBuffer body, int expected) {
    CRC32C crc = new CRC32C();
    crc.update(body.duplicate());
    return (int) crc.getValue() == expected;
  }

  /** Decodes a body whose checksum matched; null when its inner lengths do not add up. */
  static LogRecord decodeBody(ByteBuffer body) {
    if (body.remaining() < 10) {
      return null;
    }
    long sequence = body.getLong();
    int roomLength = body.getShort();
    if (roomLength < 0 || roomLength > body.remaining()) {
      return null;
    }
    byte[] room = new byte[roomLength];
    body.get(room);
    byte[] update = new byte[body.remaining()];
    body.get(update);
    return new LogRecord(sequence, new String(room, StandardCharsets.UTF_8), update);
  }

  boolean isCheckpoint() {
    return update.length == 0;
  }
}
