package dev.symphony.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVerifierTest {

  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  final TokenVerifier verifier = TokenVerifier.hmac(SECRET);
  final TokenIssuer issuer = new TokenIssuer(SECRET, Clock.systemUTC());

  @Test
  void acceptsAValidHs256TokenWithItsClaims() throws Exception {
    RoomGrant grant =
        verifier.verify(issuer.issue("docs*", Scope.READ, Duration.ofHours(1), "u1", "Ann"));

    assertThat(grant.room()).isEqualTo("docs*");
    assertThat(grant.scope()).isEqualTo(Scope.READ);
    assertThat(grant.subject()).isEqualTo("u1");
    assertThat(grant.name()).isEqualTo("Ann");
    assertThat(grant.expiresAt()).isAfter(Instant.now());
  }

  @Test
  void refusesEveryKindOfWrongToken() throws Exception {
    Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
    String expired =
        new TokenIssuer(SECRET, twoHoursAgo)
            .issue("a", Scope.WRITE, Duration.ofHours(1), null, null);
    String otherSecret =
        new TokenIssuer(
                "another-secret-of-32-bytes-or-more!".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC())
            .issue("a", Scope.WRITE, Duration.ofHours(1), null, null);
    String unsigned =
        new PlainJWT(claims().claim("room", "a").claim("scope", "write").build()).serialize();
    String noRoom = hs256(claims().claim("scope", "write"));
    String noExpiry = hs256(new JWTClaimsSet.Builder().claim("room", "a").claim("scope", "write"));
    String badScope = hs256(claims().claim("room", "a").claim("scope", "admin"));
    String valid = issuer.issue("a", Scope.WRITE, Duration.ofHours(1), null, null);
    String tampered = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA";

    assertRefused(expired, "expired");
    assertRefused(otherSecret, "signature");
    assertRefused(unsigned, "");
    assertRefused(noRoom, "room");
    assertRefused(noExpiry, "exp");
    assertRefused(badScope, "scope");
    assertRefused(tampered, "signature");
    assertRefused("not-a-jwt", "malformed");
  }

  @Test
  void refusesShortSecrets() {
    assertThatThrownBy(() -> TokenVerifier.hmac("short".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void verifiesRs256WithAPemPublicKey(@TempDir Path dir) throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    Path pem = writePem(dir.resolve("rsa.pem"), rsa);
    TokenVerifier rs256 = TokenVerifier.publicKey(pem);

    String token = sign(new RSASSASigner(rsa.getPrivate()), JWSAlgorithm.RS256);

    assertThat(rs256.verify(token).scope()).isEqualTo(Scope.WRITE);
    // An HS256 token is not accepted where an RSA key is configured.
    assertRefusedBy(rs256, issuer.issue("a", Scope.WRITE, Duration.ofHours(1), null, null), "");
  }

  @Test
  void verifiesEs256WithAPemPublicKey(@TempDir Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ec = generator.generateKeyPair();
    TokenVerifier es256 = TokenVerifier.publicKey(writePem(dir.resolve("ec.pem"), ec));

    String token = sign(new ECDSASigner((ECPrivateKey) ec.getPrivate()), JWSAlgorithm.ES256);

    assertThat(es256.verify(token).room()).isEqualTo("a");
  }

  @Test
  void verifiesRs256WithKeysFromAJwksUrl() throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    RSAKey publicJwk = new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("k1").build();
    byte[] jwks = new JWKSet(publicJwk).toString().getBytes(StandardCharsets.UTF_8);
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/jwks.json",
        exchange -> {
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    http.start();
    try {
      TokenVerifier fromJwks =
          TokenVerifier.jwks(
              URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/jwks.json").toURL());
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
              claims().claim("room", "a").claim("scope", "read").build());
      jwt.sign(new RSASSASigner(rsa.getPrivate()));

      assertThat(fromJwks.verify(jwt.serialize()).scope()).isEqualTo(Scope.READ);
    } finally {
      http.stop(0);
    }
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
  }

  private static String hs256(JWTClaimsSet.Builder claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    jwt.sign(new MACSigner(SECRET));
    return jwt.serialize();
  }

  private static String sign(JWSSigner signer, JWSAlgorithm algorithm) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(algorithm), claims().claim("room", "a").claim("scope", "write").build());
    jwt.sign(signer);
    return jwt.serialize();
  }

  private static Path writePem(Path file, KeyPair pair) throws Exception {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded());
    Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
    return file;
  }

  private void assertRefused(String token, String reasonPart) {
    assertRefusedBy(verifier, token, reasonPart);
  }

  private static void assertRefusedBy(TokenVerifier verifier, String token, String reasonPart) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> assertThat(e.httpStatus()).isEqualTo(AccessDeniedException.UNAUTHORIZED))
        .message()
        .containsIgnoringCase(reasonPart);
  }
}
