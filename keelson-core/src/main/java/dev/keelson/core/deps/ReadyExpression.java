package dev.keelson.core.deps;

import dev.keelson.core.cel.CelEvaluationException;
import dev.keelson.core.cel.CelExpression;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * When an Application counts as ready for the apps that depend on it: either a user-written CEL
 * {@code readyExpr} over {@code dep} (the Application depended on) and {@code self} (the one
 * waiting), or, without one, {@link #defaultReady}. Both see Applications as JSON model, as read
 * from the cluster.
 *
 * <p>Instances are immutable and safe to share.
 */
public final class ReadyExpression {

  static final Set<String> VARIABLES = Set.of("dep", "self");

  private final CelExpression expression;

  private ReadyExpression(CelExpression expression) {
    this.expression = expression;
  }

  /**
   * @throws IllegalArgumentException if the expression does not compile, or cannot be a boolean
   */
  public static ReadyExpression compile(String readyExpr) {
    return new ReadyExpression(CelExpression.compileBoolean(readyExpr, VARIABLES));
  }

  public String source() {
    return expression.source();
  }

  /**
   * @param dep the Application depended on
   * @param self the Application waiting for it
   * @throws CelEvaluationException if the expression fails (e.g. reads {@code
   *     dep.status.health.status} before dep has any status) or is not a boolean
   */
  public boolean isReady(Map<String, Object> dep, Map<String, Object> self)
      throws CelEvaluationException {
    Map<String, Object> bindings = new HashMap<>(4);
    bindings.put("dep", dep);
    bindings.put("self", self);
    return expression.evaluateBoolean(bindings);
  }

  /**
   * Ready when Synced and Healthy and not in the middle of a sync: a sync still running may yet
   * change the objects that made it look healthy (its PostSync hooks, later waves).
   */
  public static boolean defaultReady(Map<String, Object> dep) {
    if (dep == null) {
      return false;
    }
    return "Synced".equals(at(dep, "status", "sync", "status"))
        && "Healthy".equals(at(dep, "status", "health", "status"))
        && !"Running".equals(at(dep, "status", "operationState", "phase"));
  }

  private static Object at(Map<String, Object> object, String... path) {
    Object current = object;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  @Override
  public String toString() {
    return expression.source();
  }
}
