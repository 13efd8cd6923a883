package dev.keelson.auth.session;

import dev.keelson.auth.Subject;
import java.time.Instant;
import java.util.Set;

/** A verified session token's content. */
public record SessionClaims(String id, String name, Set<String> groups, Subject.Method method, Instant expiresAt) {
  public SessionClaims {
    groups = Set.copyOf(groups);
  }

  public Subject.User subject() {
    return new Subject.User(name, groups, method);
  }
}
