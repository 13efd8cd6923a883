package dev.keelson.rollouts.analysis;

/** The outcome of one measurement, or of a metric, or of a whole run: Argo Rollouts' AnalysisPhase names. */
public enum MeasurementPhase {
  Running,
  Successful,
  Failed,
  Inconclusive,
  Error
}
