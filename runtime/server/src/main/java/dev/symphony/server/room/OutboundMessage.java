package dev.symphony.server.room;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * A message encoded once for any number of receivers: one direct buffer, and a retained duplicate
 * per receiver, so sending to N clients neither re-encodes nor copies the bytes. The creator
 * releases it after handing it to every receiver.
 */
public final class OutboundMessage implements AutoCloseable {

  private final ByteBuf buffer;

  private OutboundMessage(ByteBuf buffer) {
    this.buffer = buffer;
  }

  public static OutboundMessage of(byte[] encoded) {
    ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(encoded.length, encoded.length);
    buffer.writeBytes(encoded);
    return new OutboundMessage(buffer);
  }

  /** A new reference to the bytes with its own indexes; whoever takes it must release it. */
  public ByteBuf retainedBuffer() {
    return buffer.retainedDuplicate();
  }

  /** The byte at {@code index} (0 when the message is shorter), e.g. to tell its type. */
  public int byteAt(int index) {
    return index < buffer.readableBytes()
        ? buffer.getUnsignedByte(buffer.readerIndex() + index)
        : 0;
  }

  public int size() {
    return buffer.readableBytes();
  }

  /** A copy of the bytes, for tests and diagnostics. */
  public byte[] toByteArray() {
    byte[] bytes = new byte[buffer.readableBytes()];
    buffer.getBytes(buffer.readerIndex(), bytes);
    return bytes;
  }

  /** Releases the creator's reference. */
  @Override
  public void close() {
    buffer.release();
  }
}
