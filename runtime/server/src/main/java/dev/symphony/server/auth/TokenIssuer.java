package dev.symphony.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;

/**
 * Signs HS256 room tokens with the shared secret: for development ({@code symphony token}) and
 * tests. Production deployments issue tokens from their own backend.
 */
public final class TokenIssuer {

  private final MACSigner signer;
  private final Clock clock;

  public TokenIssuer(byte[] secret, Clock clock) {
    if (secret.length < TokenVerifier.MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the JWT secret must be at least " + TokenVerifier.MIN_SECRET_BYTES + " bytes");
    }
    try {
      this.signer = new MACSigner(secret.clone());
    } catch (JOSEException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    this.clock = clock;
  }

  /** A token for {@code room} (an id or {@code prefix*}) valid for {@code ttl} from now. */
  public String issue(String room, Scope scope, Duration ttl, String subject, String name) {
    Date now = Date.from(clock.instant());
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .claim("room", room)
            .claim("scope", scope.claim())
            .issueTime(now)
            .expirationTime(Date.from(clock.instant().plus(ttl)));
    if (subject != null) {
      claims.subject(subject);
    }
    if (name != null) {
      claims.claim("name", name);
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }
}
