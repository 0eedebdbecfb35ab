package dev.symphony.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symphony.server.testing.NodeScripts;
import dev.symphony.server.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server that requires room tokens: refusals at the upgrade, and read-only real Yjs clients. */
class RoomTokenTransportTest {

  static final TokenIssuer issuer = new TokenIssuer(TokenVerifierTest.SECRET, Clock.systemUTC());
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            config ->
                config.withSecurity(
                    SecurityConfig.none()
                        .withTokens(TokenVerifier.hmac(TokenVerifierTest.SECRET))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  int port() {
    return server.server.address().getPort();
  }

  @Test
  void eachKindOfWrongTokenIsRefusedAtTheUpgradeWithAReason() throws Exception {
    String expired =
        new TokenIssuer(
                TokenVerifierTest.SECRET,
                Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC))
            .issue("a1", Scope.WRITE, Duration.ofHours(1), null, null);
    String forgedSecret =
        new TokenIssuer("x".repeat(32).getBytes(), Clock.systemUTC())
            .issue("a1", Scope.WRITE, Duration.ofHours(1), null, null);
    String forB = issuer.issue("b", Scope.WRITE, Duration.ofHours(1), null, null);

    assertRefused(UpgradeProbe.send(port(), "/a1", ""), 401, "token is required");
    assertRefused(UpgradeProbe.send(port(), "/a1?token=garbage", ""), 401, "malformed");
    assertRefused(UpgradeProbe.send(port(), "/a1?token=" + expired, ""), 401, "expired");
    assertRefused(UpgradeProbe.send(port(), "/a1?token=" + forgedSecret, ""), 401, "signature");
    assertRefused(UpgradeProbe.send(port(), "/a1?token=" + forB, ""), 403, "not 'a1'");
    assertRefused(
        UpgradeProbe.send(port(), "/a1", "Authorization: Bearer " + forB + "\r\n"), 403, "'b'");
  }

  @Test
  void aPrefixTokenOpensMatchingRoomsByParameterOrHeader() throws Exception {
    String prefix = issuer.issue("a*", Scope.WRITE, Duration.ofHours(1), "u1", "Ann");

    assertThat(UpgradeProbe.send(port(), "/a1?token=" + prefix, "").status()).isEqualTo(101);
    assertThat(
            UpgradeProbe.send(port(), "/a2", "Authorization: Bearer " + prefix + "\r\n").status())
        .isEqualTo(101);
    assertRefused(UpgradeProbe.send(port(), "/b?token=" + prefix, ""), 403, "not 'b'");
  }

  @Test
  void readOnlyYjsClientsSyncButCannotChangeTheDocument() {
    String room = "ro-" + System.nanoTime();
    String write = issuer.issue(room, Scope.WRITE, Duration.ofHours(1), null, null);
    String read = issuer.issue(room, Scope.READ, Duration.ofHours(1), null, null);

    var result =
        NodeScripts.node(
                Duration.ofSeconds(90),
                "auth.mjs",
                "read-only",
                server.wsUrl().toString(),
                room,
                write,
                read)
            .assertSucceeded();

    assertThat(result.output()).contains("OK read-only");
  }

  @Test
  void realYjsClientsWithAPrefixTokenOpenMatchingRoomsOnly() {
    String stamp = Long.toString(System.nanoTime());
    String prefix = issuer.issue("a" + stamp + "*", Scope.WRITE, Duration.ofHours(1), null, null);

    var result =
        NodeScripts.node(
                Duration.ofSeconds(90),
                "auth.mjs",
                "prefix",
                server.wsUrl().toString(),
                "a" + stamp + "1",
                "b" + stamp,
                prefix,
                "not-a-token")
            .assertSucceeded();

    assertThat(result.output()).contains("OK prefix");
  }

  private static void assertRefused(UpgradeProbe probe, int status, String reason) {
    assertThat(probe.status()).as(probe.response()).isEqualTo(status);
    assertThat(probe.body()).containsIgnoringCase(reason);
  }
}
