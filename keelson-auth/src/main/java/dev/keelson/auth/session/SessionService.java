package dev.keelson.auth.session;

import dev.keelson.auth.AuthException;
import dev.keelson.auth.Subject;
import dev.keelson.auth.account.Account;
import dev.keelson.auth.account.AccountStore;
import dev.keelson.auth.password.PasswordHasher;
import dev.keelson.auth.ratelimit.LoginRateLimiter;
import java.util.Optional;
import java.util.Set;

/**
 * Password logins. The server mounts {@link #login} at {@code POST /api/v1/session}
 * ({@code {"username", "password"}} in, {@code {"token", "expiresAt", "csrfToken"}} out and the
 * token as the session cookie) and {@link #logout} at {@code DELETE /api/v1/session} (which
 * also clears the cookie).
 */
public final class SessionService {
  static final int MAX_USERNAME = 253;
  private final AccountStore accounts;
  private final LoginRateLimiter limiter;
  private final SessionTokens tokens;

  public SessionService(AccountStore accounts, LoginRateLimiter limiter, SessionTokens tokens) {
    this.accounts = accounts;
    this.limiter = limiter;
    this.tokens = tokens;
  }

  /**
   * @throws AuthException RATE_LIMITED before the password is even checked while the user or
   *     the address must wait; UNAUTHENTICATED for a wrong user or password (the same message
   *     for both, so that names cannot be probed)
   */
  public IssuedSession login(String username, char[] password, String remoteAddress) throws AuthException {
    // names are keys of the rate limiter's table: a bounded count of bounded keys
    if (username.isEmpty() || username.length() > MAX_USERNAME) {
      throw new AuthException(AuthException.Kind.UNAUTHENTICATED, "invalid username or password");
    }
    limiter.check(username, remoteAddress);
    Optional<String> hash = accounts.account(username).flatMap(Account::passwordHash);
    boolean ok;
    if (hash.isPresent()) {
      ok = PasswordHasher.verify(hash.get(), password);
    } else {
      PasswordHasher.verifyNothing(password);
      ok = false;
    }
    if (!ok) {
      limiter.failed(username, remoteAddress);
      throw new AuthException(AuthException.Kind.UNAUTHENTICATED, "invalid username or password");
    }
    limiter.succeeded(username);
    return tokens.issue(username, Set.of(), Subject.Method.PASSWORD);
  }

  public void logout(String token) {
    tokens.logout(token);
  }

  /**
   * The CSRF token of a valid session (a browser back from an OIDC login holds only the cookie).
   *
   * @throws AuthException UNAUTHENTICATED when the token does not hold
   */
  public String csrfToken(String token) throws AuthException {
    return tokens.csrfToken(token);
  }
}
