package dev.keelson.core.cel;

/**
 * A CEL expression could not be evaluated to the value its caller needs: a field it reads is
 * absent, an operator met values of the wrong type, or the result is not a boolean. Checked on
 * purpose: the expressions are user-written, so every caller has to decide what a failure means
 * (an Unknown health, a dependency not ready) instead of letting it escape the reconcile.
 *
 * <p>The message is complete and user-facing: it quotes the expression.
 */
public final class CelEvaluationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String expression;

  public CelEvaluationException(String expression, String message, Throwable cause) {
    super(message, cause);
    this.expression = expression;
  }

  /** The source text of the expression that failed. */
  public String expression() {
    return expression;
  }
}
