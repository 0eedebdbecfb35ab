package dev.symphony.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Snapshots as files in one folder, one per room ({@code <escaped-room-id>.ydoc}). A snapshot is
 * written to a temporary file, forced to disk, then renamed over the old one: a crash leaves the
 * old or the new snapshot, never a torn one. Versions live in the {@code versions} sub-folder
 * ({@link FileVersionStore}).
 */
public final class FileDocumentStore implements DocumentStore {

  /** '#' never appears in a snapshot name (it would be escaped), so temp files cannot clash. */
  private static final String TEMP_MARK = "#tmp-";

  private final Path folder;
  private final FileVersionStore versions;

  public FileDocumentStore(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder);
    removeLeftoverTempFiles();
    this.versions = new FileVersionStore(folder.resolve("versions"));
  }

  public Path folder() {
    return folder;
  }

  /** Where the room's snapshot lives (whether or not it exists yet). */
  public Path fileOf(String roomId) {
    return folder.resolve(SnapshotFileNames.of(roomId));
  }

  @Override
  public Optional<byte[]> load(String roomId) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(fileOf(roomId)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void save(String roomId, byte[] snapshot) throws IOException {
    Path target = fileOf(roomId);
    Path temp =
        target.resolveSibling(
            target.getFileName()
                + TEMP_MARK
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      try (FileChannel out =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(snapshot);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncFolder();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public void delete(String roomId) throws IOException {
    Files.deleteIfExists(fileOf(roomId));
    versions.deleteAll(roomId);
  }

  @Override
  public FileVersionStore versions() {
    return versions;
  }

  /** Makes the rename itself durable; not every platform can open a folder, which is fine. */
  private void syncFolder() {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort: Windows cannot open directories; the file itself is already on disk.
    }
  }

  /** A crash between write and rename leaves a temp file; it never holds the only copy. */
  private void removeLeftoverTempFiles() throws IOException {
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        if (file.getFileName().toString().contains(TEMP_MARK) && Files.isRegularFile(file)) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
