package dev.keelson.automation.promotion;

/** An AnalysisRun's phase, Argo Rollouts' names. */
public enum AnalysisPhase {
  Pending, Running, Successful, Failed, Error, Inconclusive;

  /** A phase not set yet (the run was just created) or not known is Pending. */
  public static AnalysisPhase parse(String phase) {
    if (phase == null) return Pending;
    try {
      return valueOf(phase);
    } catch (IllegalArgumentException e) {
      return Pending;
    }
  }

  public boolean failed() {
    return this == Failed || this == Error;
  }
}
