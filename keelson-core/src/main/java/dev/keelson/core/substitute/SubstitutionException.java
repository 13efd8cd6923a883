package dev.keelson.core.substitute;

import dev.keelson.core.model.ResourceKey;
import java.util.Optional;

/**
 * Substitution failed for one object. The message is complete and user-facing: it names the
 * origin (file and document), the object and, where one is to blame, the variable. It never holds
 * a variable's value, since values may come from Secrets.
 */
public final class SubstitutionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String origin;
  private final transient ResourceKey key;
  private final String variable;

  public SubstitutionException(String origin, ResourceKey key, String variable, String message) {
    super(message);
    this.origin = origin == null ? "" : origin;
    this.key = key;
    this.variable = variable;
  }

  /** Where the object came from, e.g. {@code deploy/web.yaml#1}; empty for plain text. */
  public String origin() {
    return origin;
  }

  /** The object, when the failure is tied to one. */
  public Optional<ResourceKey> key() {
    return Optional.ofNullable(key);
  }

  /** The variable to blame (unset, say), when there is one. */
  public Optional<String> variable() {
    return Optional.ofNullable(variable);
  }
}
