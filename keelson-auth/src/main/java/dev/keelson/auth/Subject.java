package dev.keelson.auth;

import java.util.Set;

/** Who a request comes from. */
public sealed interface Subject {
  /** No credentials: only what {@code policy.default} grants, and the login endpoints. */
  record Anonymous() implements Subject {}

  /**
   * An authenticated user.
   *
   * @param name the account name, or the OIDC subject's name claim
   * @param groups RBAC groups (an OIDC groups claim; local accounts have none)
   * @param method how the request proved it
   */
  record User(String name, Set<String> groups, Method method) implements Subject {
    public User {
      groups = Set.copyOf(groups);
    }
  }

  enum Method {
    /** A session from {@code POST /api/v1/session}, by cookie or bearer token. */
    PASSWORD,
    /** An account's API token. */
    API_TOKEN,
    /** A session from an OIDC login. */
    OIDC
  }

  Subject ANONYMOUS = new Anonymous();
}
