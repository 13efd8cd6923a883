package dev.keelson.auth;

import dev.keelson.auth.ratelimit.RateLimitOptions;
import dev.keelson.auth.session.SessionOptions;
import java.time.Clock;

/**
 * @param namespace the controller's namespace, where the auth Secrets and ConfigMaps live
 */
public record AuthOptions(String namespace, Clock clock, SessionOptions sessions, RateLimitOptions rateLimits) {
  public static final String DEFAULT_NAMESPACE = "keelson-system";

  public static AuthOptions defaults() {
    return new AuthOptions(DEFAULT_NAMESPACE, Clock.systemUTC(), SessionOptions.defaults(), RateLimitOptions.defaults());
  }

  public AuthOptions withNamespace(String ns) {
    return new AuthOptions(ns, clock, sessions, rateLimits);
  }

  public AuthOptions withClock(Clock c) {
    return new AuthOptions(namespace, c, sessions, rateLimits);
  }
}
