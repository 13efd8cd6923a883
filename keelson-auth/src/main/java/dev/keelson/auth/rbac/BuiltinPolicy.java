package dev.keelson.auth.rbac;

/** Argo CD's built-in roles and the {@code admin} account's binding, always in force. */
final class BuiltinPolicy {
  static final String READONLY = "role:readonly";
  static final String ADMIN = "role:admin";

  static final String CSV = """
      p, role:readonly, *, get, *, allow
      p, role:admin, *, *, *, allow
      g, role:admin, role:readonly
      g, admin, role:admin
      """;

  private BuiltinPolicy() {}
}
