package dev.symphony.server.auth;

import java.util.List;

/**
 * Decides, at the WebSocket upgrade, whether a client may join a room and with which scope. Without
 * a {@link TokenVerifier} every client may write every room (dev mode or {@code --insecure}).
 */
public final class RoomAccess {

  private static final String BEARER = "bearer ";

  private final TokenVerifier verifier;

  private RoomAccess(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  /** No tokens: everyone may read and write every room. */
  public static RoomAccess open() {
    return new RoomAccess(null);
  }

  public static RoomAccess withTokens(TokenVerifier verifier) {
    return new RoomAccess(verifier);
  }

  public boolean requiresToken() {
    return verifier != null;
  }

  /**
   * The grant for joining {@code roomId}.
   *
   * @param authorization the {@code Authorization} header, or null
   * @param tokenParameters the values of the {@code token} query parameter (may be empty)
   * @throws AccessDeniedException 401 without an acceptable token, 403 for a token of other rooms
   */
  public RoomGrant authorize(String roomId, String authorization, List<String> tokenParameters)
      throws AccessDeniedException {
    if (verifier == null) {
      return RoomGrant.UNRESTRICTED;
    }
    String token = tokenOf(authorization, tokenParameters);
    RoomGrant grant = verifier.verify(token);
    if (!grant.covers(roomId)) {
      throw AccessDeniedException.forbidden(
          "token is for room '" + grant.room() + "', not '" + roomId + "'");
    }
    return grant;
  }

  /** The bearer token of a request: the header if present, else the {@code token} parameter. */
  static String tokenOf(String authorization, List<String> tokenParameters)
      throws AccessDeniedException {
    if (authorization != null && !authorization.isBlank()) {
      if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        throw AccessDeniedException.unauthorized("Authorization header must be 'Bearer <token>'");
      }
      return authorization.substring(BEARER.length()).strip();
    }
    if (tokenParameters == null || tokenParameters.isEmpty() || tokenParameters.get(0).isBlank()) {
      throw AccessDeniedException.unauthorized(
          "a token is required (query parameter 'token' or 'Authorization: Bearer')");
    }
    if (tokenParameters.size() > 1) {
      throw AccessDeniedException.unauthorized("more than one token given");
    }
    return tokenParameters.get(0).strip();
  }
}
