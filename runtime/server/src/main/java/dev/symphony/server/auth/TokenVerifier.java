package dev.symphony.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.Set;

/**
 * Verifies room tokens: signed JWTs (HS256 with a shared secret, or RS256/ES256 with a public key
 * or a JWKS URL) carrying {@code room}, {@code scope} and {@code exp}, optionally {@code sub} and
 * {@code name}. Unsigned tokens and other algorithms are refused. Thread-safe.
 */
public final class TokenVerifier {

  /** HS256 needs a key at least as long as its hash (RFC 7518, 3.2). */
  public static final int MIN_SECRET_BYTES = 32;

  private static final Set<String> REQUIRED_CLAIMS = Set.of("exp", "room", "scope");

  /** Decides what a token grants in application code (the embedding API's onAuthenticate). */
  @FunctionalInterface
  public interface Check {
    RoomGrant verify(String token) throws AccessDeniedException;
  }

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final String description;
  private final Check check;

  private TokenVerifier(
      Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys, String description) {
    this.description = description;
    this.check = null;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, REQUIRED_CLAIMS));
  }

  private TokenVerifier(Check check, String description) {
    this.description = description;
    this.check = check;
  }

  /** Tokens checked by {@code check} instead of as JWTs; it must answer a grant or refuse. */
  public static TokenVerifier custom(String description, Check check) {
    return new TokenVerifier(java.util.Objects.requireNonNull(check, "check"), description);
  }

  /** HS256 with a shared secret of at least {@value #MIN_SECRET_BYTES} bytes. */
  public static TokenVerifier hmac(byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the JWT secret must be at least "
              + MIN_SECRET_BYTES
              + " bytes (HS256), not "
              + secret.length);
    }
    return new TokenVerifier(
        Set.of(JWSAlgorithm.HS256), new ImmutableSecret<>(secret.clone()), "HS256 shared secret");
  }

  /** RS256 (RSA key) or ES256 (EC P-256 key) with a public key in a PEM file. */
  public static TokenVerifier publicKey(Path pemFile) throws IOException {
    PublicKey key = readPublicKey(pemFile);
    JWK jwk;
    JWSAlgorithm algorithm;
    if (key instanceof RSAPublicKey rsa) {
      jwk = new RSAKey.Builder(rsa).build();
      algorithm = JWSAlgorithm.RS256;
    } else if (key instanceof ECPublicKey ec) {
      try {
        jwk =
            new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec)
                .build();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(pemFile + ": only EC keys on P-256 are supported");
      }
      algorithm = JWSAlgorithm.ES256;
    } else {
      throw new IllegalArgumentException(pemFile + ": not an RSA or EC public key");
    }
    return new TokenVerifier(
        Set.of(algorithm),
        new ImmutableJWKSet<>(new JWKSet(jwk)),
        algorithm + " public key " + pemFile);
  }

  /** RS256 or ES256 with the keys published at a JWKS URL (fetched lazily, cached, refreshed). */
  public static TokenVerifier jwks(URL url) {
    JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(url).build();
    return new TokenVerifier(
        Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys, "RS256/ES256 keys from " + url);
  }

  /** Where keys come from, for the start-up banner. */
  public String description() {
    return description;
  }

  /**
   * Returns what {@code token} grants, or refuses it with 401 (malformed, badly signed, expired,
   * missing claims).
   */
  public RoomGrant verify(String token) throws AccessDeniedException {
    if (check != null) {
      return check.verify(token);
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw AccessDeniedException.unauthorized("malformed token");
    } catch (BadJWTException e) {
      throw AccessDeniedException.unauthorized("token refused: " + e.getMessage());
    } catch (BadJOSEException e) {
      throw AccessDeniedException.unauthorized("token signature not accepted");
    } catch (JOSEException e) {
      throw AccessDeniedException.unauthorized("token could not be verified: " + e.getMessage());
    }
    try {
      String room = claims.getStringClaim("room");
      if (room == null || room.isEmpty()) {
        throw AccessDeniedException.unauthorized("token has an empty room claim");
      }
      Scope scope = Scope.fromClaim(claims.getStringClaim("scope"));
      return new RoomGrant(
          room,
          scope,
          claims.getSubject(),
          claims.getStringClaim("name"),
          claims.getExpirationTime().toInstant());
    } catch (ParseException | IllegalArgumentException e) {
      throw AccessDeniedException.unauthorized("token claims not accepted: " + e.getMessage());
    }
  }

  private static PublicKey readPublicKey(Path pemFile) throws IOException {
    String pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
    int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
    int end = pem.indexOf("-----END PUBLIC KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          pemFile + ": expected a PEM public key (-----BEGIN PUBLIC KEY-----)");
    }
    String base64 =
        pem.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end).replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next key type
      }
    }
    throw new IllegalArgumentException(pemFile + ": not an RSA or EC public key");
  }
}
