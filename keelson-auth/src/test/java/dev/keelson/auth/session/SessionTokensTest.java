package dev.keelson.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.auth.AuthException;
import dev.keelson.auth.Subject;
import dev.keelson.auth.testing.Keys;
import dev.keelson.auth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionTokensTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final byte[] key = Keys.serverKey();
  final SessionTokens tokens = new SessionTokens(() -> key, clock, SessionOptions.defaults());

  @Test
  void anIssuedTokenVerifiesToItsSubject() throws Exception {
    IssuedSession s = tokens.issue("alice", Set.of("devs"), Subject.Method.OIDC);
    assertThat(s.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
    SessionClaims c = tokens.verify(s.token());
    assertThat(c.subject()).isEqualTo(new Subject.User("alice", Set.of("devs"), Subject.Method.OIDC));
    assertThat(tokens.csrfMatches(c.id(), s.csrfToken())).isTrue();
  }

  @Test
  void expiresAfterItsLifetime() throws Exception {
    IssuedSession s = tokens.issue("alice", Set.of(), Subject.Method.PASSWORD);
    clock.advance(Duration.ofHours(24).minusSeconds(1));
    tokens.verify(s.token());
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> tokens.verify(s.token())).hasMessage("session expired")
        .satisfies(t -> assertThat(((AuthException) t).kind()).isEqualTo(AuthException.Kind.UNAUTHENTICATED));
  }

  @Test
  void anotherKeysTokenOrATamperedOneIsRefused() {
    SessionTokens other = new SessionTokens(Keys::serverKey, clock, SessionOptions.defaults());
    IssuedSession foreign = other.issue("admin", Set.of(), Subject.Method.PASSWORD);
    assertThatThrownBy(() -> tokens.verify(foreign.token())).hasMessage("invalid session token");

    String[] parts = tokens.issue("alice", Set.of(), Subject.Method.PASSWORD).token().split("\\.");
    String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"iss\":\"keelson\",\"sub\":\"admin\",\"jti\":\"x\",\"exp\":9999999999,\"method\":\"PASSWORD\"}".getBytes());
    assertThatThrownBy(() -> tokens.verify(parts[0] + "." + forgedPayload + "." + parts[2])).hasMessage("invalid session token");
    assertThatThrownBy(() -> tokens.verify("eyJhbGciOiJub25lIn0." + forgedPayload + ".")).hasMessage("invalid session token");
    assertThatThrownBy(() -> tokens.verify("garbage")).hasMessage("invalid session token");
  }

  @Test
  void aLoggedOutSessionNoLongerVerifies() throws Exception {
    IssuedSession s = tokens.issue("alice", Set.of(), Subject.Method.PASSWORD);
    IssuedSession other = tokens.issue("alice", Set.of(), Subject.Method.PASSWORD);
    tokens.logout(s.token());
    assertThatThrownBy(() -> tokens.verify(s.token())).hasMessage("session ended");
    tokens.verify(other.token());
  }

  @Test
  void aCsrfTokenBelongsToOneSession() throws Exception {
    IssuedSession a = tokens.issue("alice", Set.of(), Subject.Method.PASSWORD);
    IssuedSession b = tokens.issue("alice", Set.of(), Subject.Method.PASSWORD);
    assertThat(tokens.csrfMatches(tokens.verify(a.token()).id(), b.csrfToken())).isFalse();
    assertThat(tokens.csrfMatches(tokens.verify(a.token()).id(), "")).isFalse();
  }
}
