package dev.keelson.server.it;

import dev.keelson.auth.Action;
import dev.keelson.auth.AuthException;
import dev.keelson.auth.Authenticator;
import dev.keelson.auth.Authorizer;
import dev.keelson.auth.RequestCredentials;
import dev.keelson.auth.Resource;
import dev.keelson.auth.Subject;
import java.util.Set;

/**
 * Authentication and authorisation for the tests, by bearer token: {@code alice} may do
 * everything; {@code eve} may get apps and clusters, but nothing whose name starts with {@code
 * secret-}, and may not sync, read logs or see projects; {@code expired} is refused; no token is
 * anonymous, allowed nothing.
 */
final class TestAuth {
  static final String ALICE = "alice";
  static final String EVE = "eve";
  static final String EXPIRED = "expired";

  private TestAuth() {}

  static final Authenticator AUTHENTICATOR = (RequestCredentials c) -> {
    if (c.bearerToken().isEmpty()) return Subject.ANONYMOUS;
    return switch (c.bearerToken().get()) {
      case ALICE -> new Subject.User(ALICE, Set.of(), Subject.Method.API_TOKEN);
      case EVE -> new Subject.User(EVE, Set.of("viewers"), Subject.Method.API_TOKEN);
      case "limited" -> throw new AuthException(AuthException.Kind.RATE_LIMITED, "too many failed logins");
      default -> throw new AuthException(AuthException.Kind.UNAUTHENTICATED, "token expired");
    };
  };

  static final Authorizer AUTHORIZER = (Subject s, Resource r, Action a, String object) -> {
    if (!(s instanceof Subject.User u)) return false;
    if (u.name().equals(ALICE)) return true;
    if (object.substring(object.lastIndexOf('/') + 1).startsWith("secret-")) return false;
    return a == Action.get && (r == Resource.applications || r == Resource.clusters || r == Resource.applicationsets);
  };
}
