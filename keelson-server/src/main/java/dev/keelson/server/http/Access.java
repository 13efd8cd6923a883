package dev.keelson.server.http;

/** Whether a route's credentials are checked before its handler runs. */
public enum Access {
  /**
   * The request's credentials go through the Authenticator first; a token that does not hold is
   * answered 401 without calling the handler. Handlers then ask the Authorizer.
   */
  AUTHENTICATED,
  /**
   * The handler runs with the anonymous subject and reads the raw credentials itself: login,
   * logout and OIDC callbacks, which must work while an old cookie no longer holds.
   */
  PUBLIC
}
