package dev.keelson.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.auth.AuthException;
import dev.keelson.auth.Subject;
import dev.keelson.auth.account.Account;
import dev.keelson.auth.password.PasswordHasher;
import dev.keelson.auth.ratelimit.LoginRateLimiter;
import dev.keelson.auth.ratelimit.RateLimitOptions;
import dev.keelson.auth.testing.InMemoryAccountStore;
import dev.keelson.auth.testing.Keys;
import dev.keelson.auth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionServiceTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final InMemoryAccountStore store = new InMemoryAccountStore();
  final byte[] key = Keys.serverKey();
  final SessionTokens tokens = new SessionTokens(() -> key, clock, SessionOptions.defaults());
  final SessionService service = new SessionService(store, new LoginRateLimiter(clock, RateLimitOptions.defaults()), tokens);

  SessionServiceTest() {
    store.update("alice", a -> new Account("alice", Optional.of(PasswordHasher.hash("s3cret".toCharArray())), List.of()));
  }

  static AuthException.Kind kind(Throwable t) {
    return ((AuthException) t).kind();
  }

  @Test
  void theRightPasswordGivesASession() throws Exception {
    IssuedSession s = service.login("alice", "s3cret".toCharArray(), "10.0.0.1");
    assertThat(tokens.verify(s.token()).subject()).isEqualTo(new Subject.User("alice", Set.of(), Subject.Method.PASSWORD));
    service.logout(s.token());
    assertThatThrownBy(() -> tokens.verify(s.token())).hasMessage("session ended");
  }

  @Test
  void aWrongPasswordAndAnUnknownUserFailAlike() {
    assertThatThrownBy(() -> service.login("alice", "guess".toCharArray(), "a")).hasMessage("invalid username or password")
        .satisfies(t -> assertThat(kind(t)).isEqualTo(AuthException.Kind.UNAUTHENTICATED));
    assertThatThrownBy(() -> service.login("nobody", "guess".toCharArray(), "a")).hasMessage("invalid username or password");
    assertThatThrownBy(() -> service.login("x".repeat(10_000), "guess".toCharArray(), "a")).hasMessage("invalid username or password");
  }

  @Test
  void repeatedFailuresAreRateLimitedEvenWithTheRightPassword() throws Exception {
    for (int i = 0; i < 6; i++) {
      assertThatThrownBy(() -> service.login("alice", "guess".toCharArray(), "10.0.0.9"))
          .satisfies(t -> assertThat(kind(t)).isEqualTo(AuthException.Kind.UNAUTHENTICATED));
    }
    assertThatThrownBy(() -> service.login("alice", "s3cret".toCharArray(), "10.0.0.10"))
        .satisfies(t -> assertThat(kind(t)).isEqualTo(AuthException.Kind.RATE_LIMITED));
    clock.advance(Duration.ofSeconds(1));
    service.login("alice", "s3cret".toCharArray(), "10.0.0.10");
  }
}
