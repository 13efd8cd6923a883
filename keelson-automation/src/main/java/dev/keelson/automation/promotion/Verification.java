package dev.keelson.automation.promotion;

/** What makes a stage Verified besides running its candidate Synced and Healthy. */
public enum Verification {
  /** The soak duration alone. */
  SOAK,
  /** The soak duration and a Successful AnalysisRun of the candidate. */
  SOAK_AND_ANALYSIS
}
