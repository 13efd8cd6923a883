package dev.keelson.auth.rbac;

/** The last column of a {@code p} line. */
public enum Effect {
  allow,
  deny
}
