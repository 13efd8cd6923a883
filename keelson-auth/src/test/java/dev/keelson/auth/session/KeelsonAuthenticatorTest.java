package dev.keelson.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.auth.AuthException;
import dev.keelson.auth.RequestCredentials;
import dev.keelson.auth.Subject;
import dev.keelson.auth.account.ApiTokenService;
import dev.keelson.auth.testing.InMemoryAccountStore;
import dev.keelson.auth.testing.Keys;
import dev.keelson.auth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeelsonAuthenticatorTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final byte[] key = Keys.serverKey();
  final SessionTokens sessions = new SessionTokens(() -> key, clock, SessionOptions.defaults());
  final ApiTokenService apiTokens = new ApiTokenService(new InMemoryAccountStore(), clock);
  final KeelsonAuthenticator auth = new KeelsonAuthenticator(sessions, apiTokens);
  final IssuedSession session = sessions.issue("alice", Set.of("devs"), Subject.Method.PASSWORD);

  static RequestCredentials cookie(String token, Optional<String> csrf, boolean unsafe) {
    return new RequestCredentials(Optional.empty(), Optional.of(token), csrf, unsafe, "10.0.0.1");
  }

  static RequestCredentials bearer(String token, boolean unsafe) {
    return new RequestCredentials(Optional.of(token), Optional.empty(), Optional.empty(), unsafe, "10.0.0.1");
  }

  static AuthException.Kind kind(Throwable t) {
    return ((AuthException) t).kind();
  }

  @Test
  void noCredentialsIsAnonymous() throws Exception {
    assertThat(auth.authenticate(new RequestCredentials(Optional.empty(), Optional.empty(), Optional.empty(), true, "a")))
        .isEqualTo(Subject.ANONYMOUS);
  }

  @Test
  void aCookieOnASafeMethodNeedsNoCsrfHeader() throws Exception {
    assertThat(auth.authenticate(cookie(session.token(), Optional.empty(), false)))
        .isEqualTo(new Subject.User("alice", Set.of("devs"), Subject.Method.PASSWORD));
  }

  @Test
  void aCookieOnAnUnsafeMethodNeedsItsSessionsCsrfToken() throws Exception {
    assertThatThrownBy(() -> auth.authenticate(cookie(session.token(), Optional.empty(), true)))
        .satisfies(t -> assertThat(kind(t)).isEqualTo(AuthException.Kind.FORBIDDEN));
    IssuedSession other = sessions.issue("alice", Set.of(), Subject.Method.PASSWORD);
    assertThatThrownBy(() -> auth.authenticate(cookie(session.token(), Optional.of(other.csrfToken()), true)))
        .satisfies(t -> assertThat(kind(t)).isEqualTo(AuthException.Kind.FORBIDDEN));
    assertThat(auth.authenticate(cookie(session.token(), Optional.of(session.csrfToken()), true)))
        .isInstanceOf(Subject.User.class);
  }

  @Test
  void aBearerSessionTokenNeedsNoCsrfHeader() throws Exception {
    assertThat(auth.authenticate(bearer(session.token(), true))).isInstanceOf(Subject.User.class);
  }

  @Test
  void anInvalidCookieIsUnauthenticatedNotAnonymous() {
    assertThatThrownBy(() -> auth.authenticate(cookie("nonsense", Optional.empty(), false)))
        .satisfies(t -> assertThat(kind(t)).isEqualTo(AuthException.Kind.UNAUTHENTICATED));
  }

  @Test
  void apiTokensAuthenticateAsTheirAccountUntilRevokedOrExpired() throws Exception {
    var forever = apiTokens.generate("ci", Optional.empty());
    var week = apiTokens.generate("ci", Optional.of(Duration.ofDays(7)));
    assertThat(auth.authenticate(bearer(forever.token(), true)))
        .isEqualTo(new Subject.User("ci", Set.of(), Subject.Method.API_TOKEN));
    clock.advance(Duration.ofDays(7));
    assertThatThrownBy(() -> auth.authenticate(bearer(week.token(), false))).hasMessage("API token expired");
    auth.authenticate(bearer(forever.token(), false));
    assertThat(apiTokens.revoke(forever.stored().id())).isTrue();
    assertThatThrownBy(() -> auth.authenticate(bearer(forever.token(), false))).hasMessage("invalid API token");
    assertThat(apiTokens.revoke(forever.stored().id())).isFalse();
  }
}
