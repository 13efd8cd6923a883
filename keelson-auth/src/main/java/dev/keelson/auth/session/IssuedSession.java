package dev.keelson.auth.session;

import java.time.Instant;

/**
 * What a login hands back. The server sets {@code token} as the session cookie (HttpOnly,
 * Secure, SameSite=Strict, Max-Age until {@code expiresAt}) and returns it in the body too, for
 * clients that send it as a bearer token; {@code csrfToken} goes in the body only, for the web
 * UI to send back as {@code X-Keelson-CSRF} with each unsafe request.
 */
public record IssuedSession(String token, Instant expiresAt, String csrfToken) {
  public static final String COOKIE = "keelson.token";
  public static final String CSRF_HEADER = "X-Keelson-CSRF";

  @Override
  public String toString() {
    return "IssuedSession[expiresAt=" + expiresAt + "]";
  }
}
