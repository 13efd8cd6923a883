package dev.keelson.rollouts.canary;

/** Where the analysis of the current step (or the background analysis) stands. */
public enum AnalysisVerdict {
  /** Not started, or still measuring. */
  RUNNING,
  SUCCESSFUL,
  FAILED,
  INCONCLUSIVE
}
