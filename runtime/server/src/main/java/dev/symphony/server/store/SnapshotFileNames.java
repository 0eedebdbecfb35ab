package dev.symphony.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Maps room ids to snapshot file names that are safe on every file system: lower-case letters,
 * digits, '-', '_' and '.' stay as they are, every other byte of the UTF-8 id becomes {@code %XX}
 * (upper-case letters too, so ids differing only in case never collide on case-insensitive file
 * systems). Names that would grow past file-name limits end in a hash of the id instead.
 */
public final class SnapshotFileNames {

  static final String SUFFIX = ".ydoc";

  /** Below the 255-byte limit of common file systems, leaving room for temp-file suffixes. */
  private static final int MAX_NAME_LENGTH = 180;

  private SnapshotFileNames() {}

  public static String of(String roomId) {
    if (roomId.isEmpty()) {
      throw new IllegalArgumentException("room id must not be empty");
    }
    StringBuilder name = new StringBuilder();
    for (byte b : roomId.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean plain =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
      if (plain) {
        name.append((char) c);
      } else {
        name.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
      }
    }
    // A name of dots only ("." or "..") would mean a directory, whatever the suffix: escape one.
    if (name.charAt(0) == '.') {
      name.replace(0, 1, "%2E");
    }
    if (name.length() + SUFFIX.length() > MAX_NAME_LENGTH) {
      String hash = sha256(roomId);
      name.setLength(MAX_NAME_LENGTH - SUFFIX.length() - hash.length() - 1);
      // Never cut an escape in half.
      int lastPercent = name.lastIndexOf("%");
      if (lastPercent >= name.length() - 2) {
        name.setLength(lastPercent);
      }
      name.append('~').append(hash);
    }
    return name.append(SUFFIX).toString();
  }

  /**
   * The escaped room id without the snapshot suffix: the name of the folder (or key prefix) that
   * holds the room's versions.
   */
  public static String stem(String roomId) {
    String name = of(roomId);
    return name.substring(0, name.length() - SUFFIX.length());
  }

  private static String sha256(String roomId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(roomId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
