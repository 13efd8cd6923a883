package dev.keelson.auth.rbac;

/** policy.csv could not be read; the message names the line. */
public final class PolicyException extends IllegalArgumentException {
  public PolicyException(int line, String message) {
    super("policy.csv line " + line + ": " + message);
  }
}
