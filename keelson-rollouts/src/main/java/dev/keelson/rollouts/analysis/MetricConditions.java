package dev.keelson.rollouts.analysis;

import dev.keelson.core.cel.CelEvaluationException;
import dev.keelson.core.cel.CelExpression;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A metric's successCondition and failureCondition: CEL over {@code result}, the provider's value
 * (a Prometheus vector is a list of doubles, so Argo's {@code result[0] >= 0.95} reads the same in
 * CEL). Compiled when the metric is read, so a condition that does not parse fails the run at once.
 *
 * <p>Argo Rollouts' rules: a failureCondition that holds fails the measurement; with only a
 * successCondition, one that does not hold fails it; with only a failureCondition, one that does
 * not hold passes it; with both set and neither holding, the measurement is Inconclusive; with
 * neither set, any value passes. A condition that cannot be evaluated is an Error.
 */
public record MetricConditions(Optional<CelExpression> success, Optional<CelExpression> failure) {
  private static final Set<String> VARIABLES = Set.of("result");

  public static MetricConditions of(String successCondition, String failureCondition) {
    return new MetricConditions(compile(successCondition), compile(failureCondition));
  }

  private static Optional<CelExpression> compile(String source) {
    return source == null || source.isBlank() ? Optional.empty()
        : Optional.of(CelExpression.compileBoolean(source, VARIABLES));
  }

  /** @return the phase and, for an Error, why */
  public Assessment assess(Object result) {
    Map<String, Object> bindings = new java.util.HashMap<>();
    bindings.put("result", result);
    try {
      if (failure.isPresent() && failure.get().evaluateBoolean(bindings)) {
        return new Assessment(MeasurementPhase.Failed, "failureCondition " + failure.get().source() + " holds");
      }
      if (success.isPresent()) {
        if (success.get().evaluateBoolean(bindings)) return new Assessment(MeasurementPhase.Successful, "");
        return failure.isPresent()
            ? new Assessment(MeasurementPhase.Inconclusive, "neither successCondition nor failureCondition holds")
            : new Assessment(MeasurementPhase.Failed, "successCondition " + success.get().source() + " does not hold");
      }
      return new Assessment(MeasurementPhase.Successful, "");
    } catch (CelEvaluationException e) {
      return new Assessment(MeasurementPhase.Error, e.getMessage());
    }
  }

  public record Assessment(MeasurementPhase phase, String message) {}
}
