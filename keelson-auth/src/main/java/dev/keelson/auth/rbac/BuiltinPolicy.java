package dev.keelson.auth.rbac;

/**
 * Argo CD's built-in roles, always in force. The {@code admin} account's binding to role:admin is
 * built in too, for the local account only (see {@link RbacPolicy}).
 */
final class BuiltinPolicy {
  static final String READONLY = "role:readonly";
  static final String ADMIN = "role:admin";
  static final String ADMIN_ACCOUNT = "admin";

  static final String CSV = """
      p, role:readonly, *, get, *, allow
      p, role:admin, *, *, *, allow
      g, role:admin, role:readonly
      """;

  private BuiltinPolicy() {}
}
