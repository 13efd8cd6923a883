package dev.keelson.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.auth.AuthException;
import dev.keelson.auth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final LoginRateLimiter limiter = new LoginRateLimiter(clock, RateLimitOptions.defaults());

  void fail(String user, String address, int times) {
    for (int i = 0; i < times; i++) limiter.failed(user, address);
  }

  static AuthException.Kind kind(Throwable t) {
    return ((AuthException) t).kind();
  }

  @Test
  void fiveFailuresAreFreeThenTheWaitDoubles() throws Exception {
    fail("alice", "10.0.0.1", 5);
    limiter.check("alice", "10.0.0.1");
    fail("alice", "10.0.0.1", 1);
    assertThatThrownBy(() -> limiter.check("alice", "10.0.0.1"))
        .isInstanceOf(AuthException.class).satisfies(t -> assertThat(kind(t)).isEqualTo(AuthException.Kind.RATE_LIMITED));
    clock.advance(Duration.ofSeconds(1));
    limiter.check("alice", "10.0.0.1");
    fail("alice", "10.0.0.1", 1);
    clock.advance(Duration.ofMillis(1999));
    assertThatThrownBy(() -> limiter.check("alice", "10.0.0.1")).isInstanceOf(AuthException.class);
    clock.advance(Duration.ofMillis(1));
    limiter.check("alice", "10.0.0.1");
  }

  @Test
  void theWaitIsCapped() {
    fail("alice", "a", 40);
    clock.advance(Duration.ofMinutes(5));
    assertThatCode(() -> limiter.check("alice", "a")).doesNotThrowAnyException();
  }

  @Test
  void perUserAcrossAddressesAndPerAddressAcrossUsers() {
    for (int i = 0; i < 6; i++) limiter.failed("alice", "10.0.0." + i);
    assertThatThrownBy(() -> limiter.check("alice", "192.168.1.1")).isInstanceOf(AuthException.class);
    assertThatCode(() -> limiter.check("bob", "192.168.1.1")).doesNotThrowAnyException();

    for (int i = 0; i < 6; i++) limiter.failed("user" + i, "203.0.113.9");
    assertThatThrownBy(() -> limiter.check("carol", "203.0.113.9")).isInstanceOf(AuthException.class);
  }

  @Test
  void aSuccessClearsTheUserNotTheAddress() throws Exception {
    fail("alice", "a", 6);
    limiter.succeeded("alice");
    assertThatCode(() -> limiter.check("alice", "b")).doesNotThrowAnyException();
    assertThatThrownBy(() -> limiter.check("alice", "a")).isInstanceOf(AuthException.class);
  }

  @Test
  void failuresAreForgottenAfterAQuietSpell() throws Exception {
    fail("alice", "a", 5);
    clock.advance(Duration.ofMinutes(16));
    fail("alice", "a", 5);
    limiter.check("alice", "a");
  }

  @Test
  void memoryIsBounded() {
    LoginRateLimiter small = new LoginRateLimiter(clock,
        new RateLimitOptions(5, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15), 100));
    for (int i = 0; i < 10_000; i++) small.failed("user" + i, "addr" + i);
    assertThat(small.remembered()).isEqualTo(200);
  }
}
