package dev.keelson.rollouts.analysis;

import java.util.List;
import java.util.Optional;

/**
 * When a metric is decided from its measurements, Argo Rollouts' rules: more failures than
 * {@code failureLimit} (default 0) fail it; more inconclusive ones than {@code inconclusiveLimit}
 * (default 0) make it Inconclusive; more consecutive errors than {@code consecutiveErrorLimit}
 * (default 4) make it an Error; once {@code count} measurements are taken without that, it is
 * Successful. No count means one measurement without an interval, or measure until the analysis
 * is ended (background analysis) with one.
 *
 * @param count measurements to take; empty: until ended
 */
public record MetricLimits(Optional<Integer> count, int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit) {
  public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

  public MeasurementPhase decide(List<MeasurementPhase> measurements) {
    int failed = 0;
    int inconclusive = 0;
    int consecutiveErrors = 0;
    int decided = 0;
    for (MeasurementPhase m : measurements) {
      switch (m) {
        case Failed -> { failed++; consecutiveErrors = 0; decided++; }
        case Inconclusive -> { inconclusive++; consecutiveErrors = 0; decided++; }
        case Successful -> { consecutiveErrors = 0; decided++; }
        case Error -> { consecutiveErrors++; decided++; }
        case Running -> { }
      }
      if (failed > failureLimit) return MeasurementPhase.Failed;
      if (consecutiveErrors > consecutiveErrorLimit) return MeasurementPhase.Error;
    }
    if (inconclusive > inconclusiveLimit) return MeasurementPhase.Inconclusive;
    if (count.isPresent() && decided >= count.get()) return MeasurementPhase.Successful;
    return MeasurementPhase.Running;
  }

  /** A whole run: any failed or errored metric fails it, then any inconclusive; all successful passes. */
  public static MeasurementPhase run(List<MeasurementPhase> metrics) {
    if (metrics.contains(MeasurementPhase.Failed) || metrics.contains(MeasurementPhase.Error)) return MeasurementPhase.Failed;
    if (metrics.contains(MeasurementPhase.Inconclusive)) return MeasurementPhase.Inconclusive;
    if (!metrics.isEmpty() && metrics.stream().allMatch(m -> m == MeasurementPhase.Successful)) {
      return MeasurementPhase.Successful;
    }
    return MeasurementPhase.Running;
  }
}
