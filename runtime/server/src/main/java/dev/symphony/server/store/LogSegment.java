package dev.symphony.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BiConsumer;

/** One segment file of the update log: records appended one after another. */
final class LogSegment implements AutoCloseable {
  final long id;
  final Path path;
  private final FileChannel channel;
  private long size;

  /** How a scan of a segment ended. */
  record ScanEnd(long validBytes, long fileBytes, String problem) {}

  private LogSegment(long id, Path path, FileChannel channel, long size) {
    this.id = id;
    this.path = path;
    this.channel = channel;
    this.size = size;
  }

  static Path pathOf(Path dir, long id) {
    return dir.resolve(String.format("%016d.log", id));
  }

  static LogSegment create(Path dir, long id) throws IOException {
    Path path = pathOf(dir, id);
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    syncDirectory(dir);
    return new LogSegment(id, path, channel, 0);
  }

  /**
   * Makes the new file's name durable: syncing a file does not by itself sync the directory entry
   * that names it, and a power cut could otherwise lose a whole synced segment.
   */
  private static void syncDirectory(Path dir) {
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform opens directories (Windows); there the file system orders this itself.
    }
  }

  static LogSegment openExisting(Path dir, long id) throws IOException {
    Path path = pathOf(dir, id);
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new LogSegment(id, path, channel, channel.size());
  }

  long size() {
    return size;
  }

  /** Appends encoded records; returns the offset of the first. Not yet durable: call sync. */
  long append(ByteBuffer[] records) throws IOException {
    long start = size;
    long total = 0;
    for (ByteBuffer record : records) {
      total += record.remaining();
    }
    long written = 0;
    while (written < total) {
      written += channel.write(records);
    }
    size += total;
    return start;
  }

  void sync() throws IOException {
    channel.force(false);
  }

  /** Reads the body of the record at {@code offset} (which was written and checked before). */
  LogRecord read(long offset) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(LogRecord.HEADER_BYTES);
    readFully(header, offset);
    int length = header.getInt(0);
    ByteBuffer body = ByteBuffer.allocate(length);
    readFully(body, offset + LogRecord.HEADER_BYTES);
    LogRecord record = LogRecord.decodeBody(body.flip());
    if (record == null) {
      throw new IOException("update log record at " + path + ":" + offset + " is damaged");
    }
    return record;
  }

  private void readFully(ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("update log " + path + " ends before offset " + position);
      }
    }
  }

  /**
   * Reads every valid record from the start, giving each with its offset, and stops at the first
   * one that is incomplete or fails its checksum.
   */
  ScanEnd scan(BiConsumer<Long, LogRecord> consumer) throws IOException {
    long fileBytes = channel.size();
    long offset = 0;
    ByteBuffer header = ByteBuffer.allocate(LogRecord.HEADER_BYTES);
    while (offset < fileBytes) {
      if (fileBytes - offset < LogRecord.HEADER_BYTES) {
        return new ScanEnd(offset, fileBytes, "incomplete record header");
      }
      header.clear();
      readFully(header, offset);
      int length = header.getInt(0);
      int checksum = header.getInt(4);
      if (length < 10 || length > LogRecord.MAX_BODY_BYTES) {
        return new ScanEnd(offset, fileBytes, "invalid record length " + length);
      }
      if (fileBytes - offset - LogRecord.HEADER_BYTES < length) {
        return new ScanEnd(offset, fileBytes, "incomplete record");
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      readFully(body, offset + LogRecord.HEADER_BYTES);
      body.flip();
      if (!LogRecord.checksumMatches(body, checksum)) {
        return new ScanEnd(offset, fileBytes, "checksum mismatch");
      }
      LogRecord record = LogRecord.decodeBody(body);
      if (record == null) {
        return new ScanEnd(offset, fileBytes, "malformed record body");
      }
      consumer.accept(offset, record);
      offset += LogRecord.HEADER_BYTES + length;
    }
    return new ScanEnd(offset, fileBytes, null);
  }

  void truncate(long bytes) throws IOException {
    channel.truncate(bytes);
    channel.force(true);
    size = bytes;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  void delete() throws IOException {
    close();
    Files.deleteIfExists(path);
  }
}
