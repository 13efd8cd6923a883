package dev.keelson.rollouts.analysis;

import static dev.keelson.rollouts.analysis.MeasurementPhase.Error;
import static dev.keelson.rollouts.analysis.MeasurementPhase.Failed;
import static dev.keelson.rollouts.analysis.MeasurementPhase.Inconclusive;
import static dev.keelson.rollouts.analysis.MeasurementPhase.Running;
import static dev.keelson.rollouts.analysis.MeasurementPhase.Successful;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Argo Rollouts' measurement rules, with the conditions in CEL. */
class MeasurementRulesTest {

  @Test
  void argoExprFormsReadTheSameInCel() {
    MetricConditions c = MetricConditions.of("result[0] >= 0.95", null);
    assertThat(c.assess(List.of(0.97)).phase()).isEqualTo(Successful);
    assertThat(c.assess(List.of(0.90)).phase()).isEqualTo(Failed);
    // an integer sample compares with a double bound too
    assertThat(c.assess(List.of(1L)).phase()).isEqualTo(Successful);
    assertThat(MetricConditions.of("result.ok == true && result.latency < 200", null)
        .assess(Map.of("ok", true, "latency", 120)).phase()).isEqualTo(Successful);
  }

  @Test
  void theOtherFormsInTheDocsHoldInCel() {
    assertThat(MetricConditions.of("size(result) > 0", null).assess(List.of(1.0)).phase()).isEqualTo(Successful);
    assertThat(MetricConditions.of("result[0] < 0.05 && result[1] < 0.1", null).assess(List.of(0.01, 0.2)).phase())
        .isEqualTo(Failed);
    assertThat(MetricConditions.of("result in [200, 201]", null).assess(201L).phase()).isEqualTo(Successful);
  }

  @Test
  void failureWinsAndBothUnmetIsInconclusive() {
    MetricConditions both = MetricConditions.of("result[0] >= 0.95", "result[0] < 0.5");
    assertThat(both.assess(List.of(0.4)).phase()).isEqualTo(Failed);
    assertThat(both.assess(List.of(0.99)).phase()).isEqualTo(Successful);
    assertThat(both.assess(List.of(0.7)).phase()).isEqualTo(Inconclusive);
    MetricConditions onlyFailure = MetricConditions.of(null, "result[0] > 0.05");
    assertThat(onlyFailure.assess(List.of(0.01)).phase()).isEqualTo(Successful);
    assertThat(MetricConditions.of(null, null).assess(List.of()).phase()).isEqualTo(Successful);
  }

  @Test
  void anUnevaluableConditionIsAnErrorAndABadOneIsRefusedUpFront() {
    assertThat(MetricConditions.of("result[0] >= 0.95", null).assess(List.of()).phase()).isEqualTo(Error);
    assertThatThrownBy(() -> MetricConditions.of("result[0] >=", null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void limitsDecideTheMetric() {
    MetricLimits three = new MetricLimits(Optional.of(3), 0, 0, 4);
    assertThat(three.decide(List.of(Successful, Successful))).isEqualTo(Running);
    assertThat(three.decide(List.of(Successful, Successful, Successful))).isEqualTo(Successful);
    assertThat(three.decide(List.of(Successful, Failed))).isEqualTo(Failed);
    assertThat(new MetricLimits(Optional.of(3), 1, 0, 4).decide(List.of(Failed, Successful, Successful)))
        .isEqualTo(Successful);
    assertThat(three.decide(List.of(Successful, Inconclusive, Successful))).isEqualTo(Inconclusive);
    assertThat(new MetricLimits(Optional.empty(), 0, 0, 2).decide(List.of(Error, Error))).isEqualTo(Running);
    assertThat(new MetricLimits(Optional.empty(), 0, 0, 2).decide(List.of(Error, Error, Error))).isEqualTo(Error);
    assertThat(new MetricLimits(Optional.empty(), 0, 0, 2).decide(List.of(Error, Error, Successful, Error)))
        .isEqualTo(Running);
  }

  @Test
  void aRunFailsOnAnyFailedMetric() {
    assertThat(MetricLimits.run(List.of(Successful, Failed))).isEqualTo(Failed);
    assertThat(MetricLimits.run(List.of(Successful, Error))).isEqualTo(Failed);
    assertThat(MetricLimits.run(List.of(Successful, Inconclusive))).isEqualTo(Inconclusive);
    assertThat(MetricLimits.run(List.of(Successful, Running))).isEqualTo(Running);
    assertThat(MetricLimits.run(List.of(Successful, Successful))).isEqualTo(Successful);
  }
}
