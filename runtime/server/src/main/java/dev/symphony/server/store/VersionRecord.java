package dev.symphony.server.store;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What a store knows about one version of a room: a stored, immutable snapshot of the whole
 * document (one Yjs update, format v1).
 *
 * @param id unique within the room; ids sort in the order the versions were taken (see {@link
 *     #ID_PATTERN})
 * @param created when the version was taken
 * @param name the name a person gave it, or null
 * @param bytes the size of the stored update
 * @param trigger why it was taken
 */
public record VersionRecord(String id, Instant created, String name, long bytes, Trigger trigger) {

  /**
   * A timestamp to the millisecond and a random suffix, e.g. {@code 20261123T070100123Z-5f0c2a}:
   * safe as a file name and an object key, and sorting ids as text sorts them by time.
   */
  public static final Pattern ID_PATTERN = Pattern.compile("[0-9]{8}T[0-9]{9}Z-[0-9a-f]{6}");

  /** The longest name accepted, in characters. */
  public static final int MAX_NAME_LENGTH = 200;

  /** Why a version was taken. */
  public enum Trigger {
    /** Asked for through the API or the dashboard. */
    MANUAL,
    /** The room went idle: its last connection left, or it unloaded. */
    IDLE,
    /** The document kept changing for the configured interval. */
    INTERVAL,
    /** The state just before a restore, so that the restore can be undone. */
    RESTORE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Trigger ofLabel(String label) {
      return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public VersionRecord {
    requireValidId(id);
    if (created == null || trigger == null) {
      throw new IllegalArgumentException("a version needs its creation time and trigger");
    }
    if (name != null && name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "a version name has at most " + MAX_NAME_LENGTH + " characters");
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }

  /** Whether {@code id} has the form of a version id (stores rely on it being a safe name). */
  public static boolean isValidId(String id) {
    return id != null && ID_PATTERN.matcher(id).matches();
  }

  public static void requireValidId(String id) {
    if (!isValidId(id)) {
      throw new IllegalArgumentException(
          "not a version id: '" + id + "' (expected e.g. 20261123T070100123Z-5f0c2a)");
    }
  }

  /** The same version with its size set. */
  public VersionRecord withBytes(long value) {
    return new VersionRecord(id, created, name, value, trigger);
  }
}
