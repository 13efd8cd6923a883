package dev.keelson.automation.promotion;

/**
 * The AnalysisRun of the candidate a stage runs now, as seen.
 *
 * @param run its name, or null when there is none (not created yet, or deleted to measure again)
 * @param message why it failed or is inconclusive (the metrics' verdicts), or null
 */
public record StageAnalysis(String run, AnalysisPhase phase, String message) {
  public static final StageAnalysis NONE = new StageAnalysis(null, AnalysisPhase.Pending, null);

  public boolean exists() {
    return run != null;
  }
}
