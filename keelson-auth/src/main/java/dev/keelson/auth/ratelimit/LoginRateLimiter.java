package dev.keelson.auth.ratelimit;

import dev.keelson.auth.AuthException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed logins, per user and per client address: after {@code freeFailures} failures each
 * further one doubles the wait before the next try is heard. Per user stops guessing one
 * account's password from many addresses, per address one client trying many accounts.
 * A success clears the user's count, not the address's.
 */
public final class LoginRateLimiter {
  private final Clock clock;
  private final FailureTable users;
  private final FailureTable addresses;

  public LoginRateLimiter(Clock clock, RateLimitOptions options) {
    this.clock = clock;
    this.users = new FailureTable(options);
    this.addresses = new FailureTable(options);
  }

  /** @throws AuthException RATE_LIMITED while the user or the address must wait */
  public void check(String username, String remoteAddress) throws AuthException {
    Instant now = clock.instant();
    Optional<Instant> until = later(users.blockedUntil(username, now), addresses.blockedUntil(remoteAddress, now));
    if (until.isPresent()) {
      long seconds = Math.max(1, Duration.between(now, until.get()).toSeconds());
      throw new AuthException(AuthException.Kind.RATE_LIMITED,
          "too many failed logins; try again in " + seconds + "s");
    }
  }

  public void failed(String username, String remoteAddress) {
    Instant now = clock.instant();
    users.failed(username, now);
    addresses.failed(remoteAddress, now);
  }

  public void succeeded(String username) {
    users.reset(username);
  }

  int remembered() {
    return users.size() + addresses.size();
  }

  private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
  }
}
