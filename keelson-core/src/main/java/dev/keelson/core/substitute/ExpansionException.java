package dev.keelson.core.substitute;

/**
 * A template that cannot be parsed or evaluated; {@link Substitution} adds where it happened. The
 * message quotes the template text (which comes from Git), never a value.
 */
final class ExpansionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String variable;

  ExpansionException(String message, String variable) {
    super(message, null, false, false);
    this.variable = variable;
  }

  static ExpansionException syntax(String message) {
    return new ExpansionException(message, null);
  }

  static ExpansionException unset(String name) {
    return new ExpansionException("variable \"" + name + "\" is not set and has no default", name);
  }

  /** The variable to blame, or null for a syntax error. */
  String variable() {
    return variable;
  }
}
