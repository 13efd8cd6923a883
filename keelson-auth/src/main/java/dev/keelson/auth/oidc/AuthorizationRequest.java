package dev.keelson.auth.oidc;

import java.net.URI;
import java.time.Instant;

/**
 * The start of a login: {@code GET /auth/login} answers 303 to {@code url} and sets
 * {@code stateCookie} as the cookie {@link #COOKIE} (HttpOnly, Secure, SameSite=Lax, as the
 * provider's redirect back is a cross-site navigation that Strict would strip it from;
 * Path=/auth/callback; Max-Age until {@code expiresAt}).
 */
public record AuthorizationRequest(URI url, String stateCookie, Instant expiresAt) {
  public static final String COOKIE = "keelson.oidc";

  @Override
  public String toString() {
    return "AuthorizationRequest[url=" + url + ", expiresAt=" + expiresAt + "]";
  }
}
