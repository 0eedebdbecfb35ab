package dev.symphony.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Versions as files: {@code <folder>/<escaped-room-id>/<version-id>.version}, each a {@link
 * VersionBlob} written to a temporary file, forced to disk and renamed into place, so a crash never
 * leaves half a version under a version's name.
 */
public final class FileVersionStore implements VersionStore {

  private static final String SUFFIX = ".version";
  private static final String TEMP_MARK = "#tmp-";

  private final Path folder;

  public FileVersionStore(Path folder) {
    this.folder = folder;
  }

  /** The folder that holds the versions of one room (whether or not it exists yet). */
  public Path folderOf(String roomId) {
    return folder.resolve(SnapshotFileNames.stem(roomId));
  }

  private Path fileOf(String roomId, String versionId) {
    VersionRecord.requireValidId(versionId);
    return folderOf(roomId).resolve(versionId + SUFFIX);
  }

  @Override
  public void save(String roomId, VersionRecord version, byte[] update) throws IOException {
    Path target = fileOf(roomId, version.id());
    Files.createDirectories(target.getParent());
    if (Files.exists(target)) {
      throw new IOException("version " + version.id() + " of room " + roomId + " exists already");
    }
    Path temp =
        target.resolveSibling(
            target.getFileName()
                + TEMP_MARK
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      try (var out =
          java.nio.channels.FileChannel.open(
              temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        var bytes = java.nio.ByteBuffer.wrap(VersionBlob.encode(version, update));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public List<VersionRecord> list(String roomId) throws IOException {
    List<VersionRecord> versions = new ArrayList<>();
    for (Path file : versionFiles(roomId)) {
      try (InputStream in = Files.newInputStream(file)) {
        byte[] start = in.readNBytes(VersionBlob.MAX_HEADER_BYTES);
        versions.add(VersionBlob.header(start, Files.size(file)));
      } catch (NoSuchFileException e) {
        // deleted by retention meanwhile
      } catch (IOException e) {
        throw new IOException("cannot read version file " + file + ": " + e.getMessage(), e);
      }
    }
    versions.sort(Comparator.comparing(VersionRecord::id).reversed());
    return versions;
  }

  @Override
  public Optional<byte[]> load(String roomId, String versionId) throws IOException {
    try {
      return Optional.of(VersionBlob.update(Files.readAllBytes(fileOf(roomId, versionId))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean delete(String roomId, String versionId) throws IOException {
    return Files.deleteIfExists(fileOf(roomId, versionId));
  }

  @Override
  public void deleteAll(String roomId) throws IOException {
    Path roomFolder = folderOf(roomId);
    if (!Files.isDirectory(roomFolder)) {
      return;
    }
    try (Stream<Path> files = Files.list(roomFolder)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(roomFolder);
  }

  private List<Path> versionFiles(String roomId) throws IOException {
    Path roomFolder = folderOf(roomId);
    if (!Files.isDirectory(roomFolder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(roomFolder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList();
    }
  }
}
