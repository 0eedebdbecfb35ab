package dev.symphony.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The update log in local segment files shared by all rooms. One writer thread appends what rooms
 * hand it and syncs to disk at most every {@code flushInterval} (group commit: one fsync covers
 * every update that arrived meanwhile). An index per room lists its records since its last
 * checkpoint; a segment is deleted once no room needs any record in it.
 */
public final class FileUpdateLog implements UpdateLog {
  private static final Logger log = LoggerFactory.getLogger(FileUpdateLog.class);
  private static final int MAX_BATCH = 4096;

  private record Append(String roomId, long seq, byte[] update, CompletableFuture<Void> done) {}

  private record Position(long seq, long segment, long offset) {}

  /**
   * A room's last appended sequence number and its records not yet covered by a checkpoint.
   * Sequence numbers are global, so a mark taken before a room's index was dropped can never cover
   * records appended after.
   */
  private static final class RoomIndex {
    long appended;
    long checkpointed;

    /**
     * The highest sequence number the writer has handled (indexed, or skipped as checkpointed).
     * Below {@code appended}, records are still in flight: the index must stay, with its checkpoint
     * watermark, until they arrive.
     */
    long written;

    final List<Position> positions = new ArrayList<>();

    boolean forgettable() {
      return positions.isEmpty() && appended <= checkpointed && written >= appended;
    }
  }

  private final Path dir;
  private final long flushIntervalNanos;
  private final long segmentBytes;
  private final LinkedBlockingQueue<Append> queue = new LinkedBlockingQueue<>();
  private final Map<String, RoomIndex> rooms = new ConcurrentHashMap<>();
  private final TreeMap<Long, LogSegment> segments = new TreeMap<>();
  private final Map<Long, Integer> liveRecords = new HashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Thread writer;
  private volatile boolean open = true;
  private volatile boolean healthy = true;
  private boolean recovering;
  private volatile LogSegment active;
  private long lastSyncNanos;
  private volatile long syncs;
  private volatile java.util.function.LongConsumer syncTimes = nanos -> {};

  private FileUpdateLog(Path dir, Duration flushInterval, long segmentBytes) {
    this.dir = dir;
    this.flushIntervalNanos = flushInterval.toNanos();
    // nanoTime has an arbitrary origin: "long ago" must be relative to it, not zero.
    this.lastSyncNanos = System.nanoTime() - flushIntervalNanos;
    this.segmentBytes = segmentBytes;
    this.writer = Thread.ofPlatform().name("symphony-update-log").unstarted(this::writeLoop);
  }

  /**
   * Opens the log in {@code dir}, recovering what earlier runs wrote. A torn record at the end of a
   * segment (a crash during a write) is dropped with one warning.
   */
  public static FileUpdateLog open(Path dir, Duration flushInterval, long segmentBytes)
      throws IOException {
    if (flushInterval.isNegative() || segmentBytes < 1024) {
      throw new IllegalArgumentException("flush interval must be >= 0 and segments >= 1 KiB");
    }
    Files.createDirectories(dir);
    FileUpdateLog updateLog = new FileUpdateLog(dir, flushInterval, segmentBytes);
    updateLog.recover();
    updateLog.writer.start();
    return updateLog;
  }

  private void recover() throws IOException {
    recovering = true; // segments are only deleted after the scan, not while it reads them
    List<Long> ids;
    try (Stream<Path> files = Files.list(dir)) {
      ids =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.matches("\\d{16}\\.log"))
              .map(n -> Long.parseLong(n.substring(0, 16)))
              .sorted()
              .toList();
    }
    for (long id : ids) {
      LogSegment segment = LogSegment.openExisting(dir, id);
      segments.put(id, segment);
      LogSegment.ScanEnd end = segment.scan((offset, record) -> recovered(id, offset, record));
      if (end.problem() != null) {
        long dropped = end.fileBytes() - end.validBytes();
        log.warn(
            "update log {}: {} at offset {}; dropped the last {} bytes (a write cut short by a crash)",
            segment.path,
            end.problem(),
            end.validBytes(),
            dropped);
        segment.truncate(end.validBytes());
      }
    }
    recovering = false;
    for (Long id : List.copyOf(segments.keySet())) {
      if (liveRecords.getOrDefault(id, 0) == 0) {
        segments.remove(id).delete();
      }
    }
    long nextId = segments.isEmpty() ? 1 : segments.lastKey() + 1;
    active = LogSegment.create(dir, nextId);
    segments.put(nextId, active);
    if (!rooms.isEmpty()) {
      log.info("update log {}: recovered updates of {} rooms", dir, rooms.size());
    }
  }

  private void recovered(long segment, long offset, LogRecord record) {
    sequence.accumulateAndGet(record.sequence(), Math::max);
    if (record.isCheckpoint()) {
      checkpointed(record.roomId(), record.sequence(), false);
      return;
    }
    RoomIndex room = rooms.computeIfAbsent(record.roomId(), r -> new RoomIndex());
    room.appended = Math.max(room.appended, record.sequence());
    index(record.roomId(), segment, offset, record.sequence());
  }

  /**
   * The room's index, locked, for {@code action}. A checkpoint may drop an index between the
   * look-up and the lock; work on a dropped index would be lost, so it looks again.
   */
  private <T> T withRoom(String roomId, java.util.function.Function<RoomIndex, T> action) {
    while (true) {
      RoomIndex room = rooms.computeIfAbsent(roomId, r -> new RoomIndex());
      synchronized (room) {
        if (rooms.get(roomId) == room) {
          return action.apply(room);
        }
      }
    }
  }

  /** Records where a room's record lies, unless a checkpoint already covers it. */
  private void index(String roomId, long segment, long offset, long seq) {
    boolean live =
        withRoom(
            roomId,
            room -> {
              room.written = Math.max(room.written, seq);
              if (seq <= room.checkpointed) {
                // Covered by a checkpoint that overtook the writer: not needed, nothing to keep.
                if (room.forgettable()) {
                  rooms.remove(roomId, room);
                }
                return false;
              }
              room.positions.add(new Position(seq, segment, offset));
              return true;
            });
    if (!live) {
      return;
    }
    synchronized (liveRecords) {
      liveRecords.merge(segment, 1, Integer::sum);
    }
  }

  @Override
  public CompletableFuture<Void> append(String roomId, byte[] update) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!open) {
      done.completeExceptionally(new IllegalStateException("the update log is closed"));
      return done;
    }
    withRoom(
        roomId,
        room -> {
          long seq = sequence.incrementAndGet();
          room.appended = seq;
          // Queued under the room's lock: the writer sees a room's records in sequence order.
          queue.add(new Append(roomId, seq, update, done));
          return null;
        });
    return done;
  }

  @Override
  public long mark(String roomId) {
    RoomIndex room = rooms.get(roomId);
    if (room == null) {
      return sequence.get();
    }
    synchronized (room) {
      return room.appended;
    }
  }

  @Override
  public List<byte[]> pending(String roomId) throws IOException {
    RoomIndex room = rooms.get(roomId);
    if (room == null) {
      return List.of();
    }
    List<Position> positions;
    synchronized (room) {
      positions = List.copyOf(room.positions);
    }
    List<byte[]> updates = new ArrayList<>(positions.size());
    for (Position position : positions) {
      LogSegment segment;
      synchronized (segments) {
        segment = segments.get(position.segment());
      }
      if (segment == null) {
        continue; // checkpointed meanwhile and deleted
      }
      updates.add(segment.read(position.offset()).update());
    }
    return updates;
  }

  @Override
  public void checkpointed(String roomId, long mark) {
    checkpointed(roomId, mark, true);
  }

  private void checkpointed(String roomId, long mark, boolean writeMarker) {
    RoomIndex room = rooms.get(roomId);
    if (room == null) {
      return;
    }
    List<Long> released = new ArrayList<>();
    synchronized (room) {
      if (rooms.get(roomId) != room) {
        return; // dropped meanwhile: a later checkpoint covered everything
      }
      boolean coversInFlight = mark > room.written;
      room.checkpointed = Math.max(room.checkpointed, mark);
      Iterator<Position> it = room.positions.iterator();
      while (it.hasNext()) {
        Position position = it.next();
        if (position.seq() <= mark) {
          released.add(position.segment());
          it.remove();
        }
      }
      if (room.forgettable()) {
        rooms.remove(roomId, room);
      }
      if (writeMarker && open && (!released.isEmpty() || coversInFlight)) {
        // So a restart knows these records are covered, even while their segment stays.
        queue.add(new Append(roomId, mark, LogRecord.CHECKPOINT, new CompletableFuture<>()));
      }
    }
    releaseRecords(released);
  }

  private void releaseRecords(List<Long> segmentIds) {
    List<LogSegment> deletable = new ArrayList<>();
    synchronized (liveRecords) {
      for (long id : segmentIds) {
        int left = liveRecords.merge(id, -1, Integer::sum);
        if (left <= 0) {
          liveRecords.remove(id);
          synchronized (segments) {
            LogSegment segment = segments.get(id);
            if (segment != null && segment != active && !recovering) {
              segments.remove(id);
              deletable.add(segment);
            }
          }
        }
      }
    }
    for (LogSegment segment : deletable) {
      try {
        segment.delete();
      } catch (IOException e) {
        log.warn("could not delete update log segment {}: {}", segment.path, e.toString());
      }
    }
  }

  @Override
  public Set<String> roomsWithPending() {
    Set<String> result = new java.util.HashSet<>();
    rooms.forEach(
        (id, room) -> {
          synchronized (room) {
            if (!room.positions.isEmpty()) {
              result.add(id);
            }
          }
        });
    return result;
  }

  @Override
  public boolean healthy() {
    return healthy;
  }

  /** How many times the log synced to disk (one sync covers a whole group of appends). */
  public long syncs() {
    return syncs;
  }

  /** Reports the duration of each sync to disk, in nanoseconds (metrics). */
  public void onSync(java.util.function.LongConsumer listener) {
    this.syncTimes = listener;
  }

  /** Updates handed to the log and not yet on disk. */
  public int queued() {
    return queue.size();
  }

  private void writeLoop() {
    List<Append> batch = new ArrayList<>();
    while (open || !queue.isEmpty()) {
      try {
        Append first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH);
        writeBatch(batch);
        // Group commit: sync no more often than the interval; what arrives meanwhile joins.
        long wait = lastSyncNanos + flushIntervalNanos - System.nanoTime();
        if (wait > 0 && open) {
          TimeUnit.NANOSECONDS.sleep(wait);
          List<Append> more = new ArrayList<>();
          queue.drainTo(more, MAX_BATCH);
          writeBatch(more);
          batch.addAll(more);
        }
        long syncStart = System.nanoTime();
        active.sync();
        lastSyncNanos = System.nanoTime();
        syncTimes.accept(lastSyncNanos - syncStart);
        syncs++;
        healthy = true;
        for (Append append : batch) {
          append.done().complete(null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        open = false;
      } catch (IOException | UncheckedIOException e) {
        healthy = false;
        log.error("update log write failed; {} updates are not durable", batch.size(), e);
        for (Append append : batch) {
          append.done().completeExceptionally(e);
        }
        startFreshSegmentAfterFailure();
      }
      batch.clear();
    }
  }

  private void writeBatch(List<Append> batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    if (active.size() >= segmentBytes) {
      roll();
    }
    ByteBuffer[] encoded = new ByteBuffer[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      Append append = batch.get(i);
      encoded[i] = new LogRecord(append.seq(), append.roomId(), append.update()).encode();
    }
    long offset = active.append(encoded);
    for (int i = 0; i < batch.size(); i++) {
      Append append = batch.get(i);
      if (append.update().length > 0) {
        index(append.roomId(), active.id, offset, append.seq());
      }
      offset += encoded[i].capacity();
    }
  }

  /**
   * A failed write may have left part of a record: later records go to a new file, not after it.
   */
  private void startFreshSegmentAfterFailure() {
    try {
      roll();
    } catch (IOException e) {
      log.error("update log cannot start a new segment: {}", e.toString());
    }
  }

  private void roll() throws IOException {
    active.sync();
    LogSegment next = LogSegment.create(dir, active.id + 1);
    LogSegment previous = active;
    synchronized (segments) {
      segments.put(next.id, next);
      active = next;
    }
    synchronized (liveRecords) {
      if (liveRecords.getOrDefault(previous.id, 0) == 0) {
        synchronized (segments) {
          segments.remove(previous.id);
        }
        previous.delete();
      }
    }
  }

  /** Writes and syncs what is queued, then closes the files. */
  @Override
  public void close() {
    if (!open) {
      return;
    }
    open = false;
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Append> late = new ArrayList<>();
    queue.drainTo(late);
    for (Append append : late) {
      append.done().completeExceptionally(new IllegalStateException("the update log is closed"));
    }
    synchronized (segments) {
      for (LogSegment segment : segments.values()) {
        try {
          segment.close();
        } catch (IOException e) {
          log.warn("closing update log segment {} failed: {}", segment.path, e.toString());
        }
      }
    }
  }
}
