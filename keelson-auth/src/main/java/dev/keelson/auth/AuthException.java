package dev.keelson.auth;

/**
 * A request's credentials do not hold, or it may not do what it asks.
 *
 * @see Kind
 */
public final class AuthException extends Exception {
  public enum Kind {
    /** HTTP 401: no valid credentials. */
    UNAUTHENTICATED,
    /** HTTP 403: authenticated, not allowed (or a CSRF check failed). */
    FORBIDDEN,
    /** HTTP 429: too many failed logins. */
    RATE_LIMITED
  }

  private final Kind kind;

  public AuthException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
