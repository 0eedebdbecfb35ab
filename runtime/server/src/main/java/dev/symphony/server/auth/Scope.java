package dev.symphony.server.auth;

import java.util.Locale;

/** What a token lets its holder do in the rooms it covers. */
public enum Scope {
  /** Sync and receive everything; updates are refused. */
  READ,
  /** Read and change the document. */
  WRITE;

  /** The claim value ({@code read} or {@code write}). */
  public String claim() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a claim value; anything but {@code read} or {@code write} is refused. */
  public static Scope fromClaim(String value) {
    if ("read".equals(value)) {
      return READ;
    }
    if ("write".equals(value)) {
      return WRITE;
    }
    throw new IllegalArgumentException("scope must be 'read' or 'write', not '" + value + "'");
  }
}
