package dev.keelson.auth.rbac;

/** One line of policy.csv. */
public sealed interface PolicyLine {
  /** {@code p, <subject>, <resource>, <action>, <object>, allow|deny} */
  record Permission(String subject, String resource, String action, String object, Effect effect)
      implements PolicyLine {}

  /** {@code g, <user-or-group>, <role>}: the member gets every permission of the role. */
  record Grant(String member, String role) implements PolicyLine {}
}
