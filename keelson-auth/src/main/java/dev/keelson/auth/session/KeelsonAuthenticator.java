package dev.keelson.auth.session;

import dev.keelson.auth.AuthException;
import dev.keelson.auth.Authenticator;
import dev.keelson.auth.RequestCredentials;
import dev.keelson.auth.Subject;
import dev.keelson.auth.account.ApiToken;
import dev.keelson.auth.account.ApiTokenService;
import java.util.Set;

/**
 * Bearer tokens (an API token or a session token) and session cookies. A bearer token wins
 * over a cookie: a browser never adds one on its own, so it needs no CSRF check. A cookie on an
 * unsafe method needs the session's CSRF token in {@code X-Keelson-CSRF}: another site can make
 * the browser send the cookie, but cannot read the token the login returned.
 */
public final class KeelsonAuthenticator implements Authenticator {
  private final SessionTokens sessions;
  private final ApiTokenService apiTokens;

  public KeelsonAuthenticator(SessionTokens sessions, ApiTokenService apiTokens) {
    this.sessions = sessions;
    this.apiTokens = apiTokens;
  }

  @Override
  public Subject authenticate(RequestCredentials credentials) throws AuthException {
    if (credentials.bearerToken().isPresent()) {
      String token = credentials.bearerToken().get();
      if (ApiTokenService.looksLikeApiToken(token)) {
        ApiToken t = apiTokens.verify(token);
        return new Subject.User(t.account(), Set.of(), Subject.Method.API_TOKEN);
      }
      return sessions.verify(token).subject();
    }
    if (credentials.sessionCookie().isPresent()) {
      SessionClaims c = sessions.verify(credentials.sessionCookie().get());
      if (credentials.unsafeMethod()
          && !credentials.csrfHeader().map(h -> sessions.csrfMatches(c.id(), h)).orElse(false)) {
        throw new AuthException(AuthException.Kind.FORBIDDEN,
            "a cookie session needs its CSRF token in " + IssuedSession.CSRF_HEADER + " on this method");
      }
      return c.subject();
    }
    return Subject.ANONYMOUS;
  }
}
