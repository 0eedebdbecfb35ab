package dev.symphony.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One client's awareness state as carried in an awareness update: the client id, the state's clock,
 * and the state as JSON text kept as the sender's UTF-8 bytes (the server never parses it). The
 * JSON text {@code null} means the client's state was removed.
 */
public record AwarenessEntry(long clientId, long clock, byte[] stateJson) {

  private static final byte[] NULL_JSON = "null".getBytes(StandardCharsets.UTF_8);

  public static AwarenessEntry of(long clientId, long clock, String stateJson) {
    return new AwarenessEntry(clientId, clock, stateJson.getBytes(StandardCharsets.UTF_8));
  }

  public static AwarenessEntry removal(long clientId, long clock) {
    return new AwarenessEntry(clientId, clock, NULL_JSON);
  }

  /** Whether this entry removes the client's state (JSON {@code null}). */
  public boolean isRemoval() {
    return Arrays.equals(stateJson, NULL_JSON);
  }

  public String stateJsonText() {
    return new String(stateJson, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AwarenessEntry e
        && e.clientId == clientId
        && e.clock == clock
        && Arrays.equals(e.stateJson, stateJson);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(clientId) * 31 + Long.hashCode(clock) * 17 + Arrays.hashCode(stateJson);
  }

  @Override
  public String toString() {
    return "AwarenessEntry[clientId="
        + clientId
        + ", clock="
        + clock
        + ", state="
        + stateJsonText()
        + "]";
  }
}
