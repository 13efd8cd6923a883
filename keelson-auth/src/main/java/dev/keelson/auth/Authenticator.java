package dev.keelson.auth;

/** Turns a request's credentials into its subject. */
public interface Authenticator {
  /**
   * @return {@link Subject#ANONYMOUS} when the request carries no credentials
   * @throws AuthException when it carries credentials that do not hold (unknown, expired or
   *     revoked token; a cookie session without its CSRF header on an unsafe method)
   */
  Subject authenticate(RequestCredentials credentials) throws AuthException;
}
