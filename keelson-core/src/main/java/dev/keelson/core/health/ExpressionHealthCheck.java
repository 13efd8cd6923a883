package dev.keelson.core.health;

import dev.keelson.core.cel.CelEvaluationException;
import dev.keelson.core.cel.CelExpression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled {@link ExpressionHealthRule}. Follows Flux's CEL status evaluator: a status written
 * for an older generation says nothing about the current spec, so it is Progressing before any
 * expression runs; then each expression in order, and the first true one decides.
 */
final class ExpressionHealthCheck implements HealthCheck {

  /**
   * {@code self} is the object; the top-level fields are bound too because Flux's expressions
   * are written against them ({@code status.conditions.filter(...)}).
   */
  static final Set<String> VARIABLES =
      Set.of("self", "apiVersion", "kind", "metadata", "spec", "status");

  private record Step(String field, CelExpression expression, Health verdict) {}

  private final List<Step> steps;

  private ExpressionHealthCheck(List<Step> steps) {
    this.steps = steps;
  }

  /** @throws IllegalArgumentException naming the rule and field of the first invalid expression */
  static ExpressionHealthCheck compile(ExpressionHealthRule rule) {
    if (rule.current() == null || rule.current().isBlank()) {
      throw new IllegalArgumentException(rule.label() + ".current: expression is required");
    }
    List<Step> steps = new ArrayList<>(3);
    if (rule.inProgress() != null) {
      steps.add(
          step(
              rule,
              "inProgress",
              rule.inProgress(),
              Health.progressing("matched the inProgress health expression")));
    }
    if (rule.failed() != null) {
      steps.add(
          step(
              rule,
              "failed",
              rule.failed(),
              Health.degraded("matched the failed health expression")));
    }
    steps.add(step(rule, "current", rule.current(), Health.healthy()));
    return new ExpressionHealthCheck(List.copyOf(steps));
  }

  private static Step step(ExpressionHealthRule rule, String field, String source, Health verdict) {
    try {
      return new Step(field, CelExpression.compileBoolean(source, VARIABLES), verdict);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(rule.label() + "." + field + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Health check(Map<String, Object> object) {
    if (Fields.has(object, "status", "observedGeneration")
        && Fields.has(object, "metadata", "generation")
        && Fields.observedGeneration(object) != Fields.generation(object)) {
      return Health.progressing(
          "Waiting for the controller to observe generation " + Fields.generation(object));
    }
    Map<String, Object> bindings = bindings(object);
    for (Step step : steps) {
      try {
        if (step.expression().evaluateBoolean(bindings)) {
          return step.verdict();
        }
      } catch (CelEvaluationException e) {
        // As in Flux, a failing expression is an error, not a verdict: the object's health is
        // not known until the expression or the object changes.
        return Health.unknown("health expression " + step.field() + ": " + e.getMessage());
      }
    }
    return Health.progressing("no health expression matched");
  }

  private static Map<String, Object> bindings(Map<String, Object> object) {
    Map<String, Object> bindings = new HashMap<>();
    bindings.put("self", object);
    for (String name : VARIABLES) {
      if (!name.equals("self")) {
        bindings.put(name, object.get(name));
      }
    }
    return bindings;
  }
}
