package dev.symphony.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomAccessTest {

  final RoomAccess access = RoomAccess.withTokens(TokenVerifier.hmac(TokenVerifierTest.SECRET));
  final TokenIssuer issuer = new TokenIssuer(TokenVerifierTest.SECRET, Clock.systemUTC());

  @Test
  void aPrefixTokenCoversItsRoomsOnly() throws Exception {
    String token = issuer.issue("a*", Scope.WRITE, Duration.ofMinutes(5), null, null);

    assertThat(access.authorize("a1", null, List.of(token)).mayWrite()).isTrue();
    assertThat(access.authorize("a", null, List.of(token)).mayWrite()).isTrue();
    assertThatThrownBy(() -> access.authorize("b", null, List.of(token)))
        .isInstanceOfSatisfying(
            AccessDeniedException.class, e -> assertThat(e.httpStatus()).isEqualTo(403))
        .hasMessageContaining("not 'b'");
  }

  @Test
  void anExactTokenCoversOneRoom() throws Exception {
    String token = issuer.issue("a", Scope.READ, Duration.ofMinutes(5), null, null);

    assertThat(access.authorize("a", "Bearer " + token, List.of()).mayWrite()).isFalse();
    assertThatThrownBy(() -> access.authorize("a1", "Bearer " + token, List.of()))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void aMissingTokenOrAnotherSchemeIsUnauthorized() {
    assertThatThrownBy(() -> access.authorize("a", null, List.of()))
        .isInstanceOfSatisfying(
            AccessDeniedException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
        .hasMessageContaining("token is required");
    assertThatThrownBy(() -> access.authorize("a", "Basic dXNlcjpwdw==", List.of()))
        .hasMessageContaining("Bearer");
  }

  @Test
  void withoutTokensEveryoneMayWrite() throws Exception {
    assertThat(RoomAccess.open().authorize("any", null, List.of()).mayWrite()).isTrue();
  }

  @Test
  void adminAccessNeedsTheAdminTokenExceptOnLoopbackInDevMode() throws Exception {
    var loopback = new InetSocketAddress("127.0.0.1", 5000);
    var remote = new InetSocketAddress("192.0.2.7", 5000);
    new AdminTokenAccess(null, true).authorize(null, List.of(), loopback);
    assertThatThrownBy(() -> new AdminTokenAccess(null, true).authorize(null, List.of(), remote))
        .isInstanceOf(AccessDeniedException.class);

    AdminTokenAccess secured = new AdminTokenAccess("s3cret", false);
    secured.authorize("Bearer s3cret", List.of(), remote);
    secured.authorize(null, List.of("s3cret"), remote);
    assertThatThrownBy(() -> secured.authorize(null, List.of(), loopback))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> secured.authorize("Bearer wrong", List.of(), remote))
        .hasMessageContaining("wrong admin token");
  }
}
