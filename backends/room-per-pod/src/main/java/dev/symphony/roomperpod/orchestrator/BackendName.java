package dev.symphony.roomperpod.orchestrator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The name of a room's backend (process, Kubernetes Deployment and Service): a DNS-1123 label made
 * from the room id. Room ids may hold any character, so the readable part is sanitised and a hash
 * of the exact id is appended: two ids that sanitise alike ("A b" and "a-b") still get different
 * names.
 */
public final class BackendName {

  static final String PREFIX = "room-";
  static final int MAX_LABEL_LENGTH = 63;
  private static final int HASH_CHARS = 10;

  private BackendName() {}

  public static String of(String roomId) {
    String hash = hash(roomId);
    int readableBudget = MAX_LABEL_LENGTH - PREFIX.length() - 1 - HASH_CHARS;
    String readable = sanitise(roomId, readableBudget);
    return readable.isEmpty() ? PREFIX + hash : PREFIX + readable + "-" + hash;
  }

  /**
   * The hash suffix of the room's name alone: a label value that tells rooms apart even where the
   * readable part was cut or sanitised away.
   */
  public static String hash(String roomId) {
    return sha256Hex(roomId).substring(0, HASH_CHARS);
  }

  private static String sanitise(String roomId, int maxLength) {
    StringBuilder out = new StringBuilder();
    for (char c : roomId.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (allowed) {
        out.append(c);
      } else if (!out.isEmpty() && out.charAt(out.length() - 1) != '-') {
        out.append('-');
      }
      if (out.length() >= maxLength) {
        break;
      }
    }
    while (!out.isEmpty() && out.charAt(out.length() - 1) == '-') {
      out.setLength(out.length() - 1);
    }
    return out.toString();
  }

  private static String sha256Hex(String value) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
