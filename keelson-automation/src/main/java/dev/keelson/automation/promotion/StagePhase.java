package dev.keelson.automation.promotion;

/** Where a stage is; the names are the status values. */
public enum StagePhase {
  /** Its Application is not there. */
  Missing,
  /** Promoted: the commit is pushed, the Application has not run it yet. */
  Promoting,
  /** Not Synced or not Healthy yet. */
  Progressing,
  /** Synced and Healthy, the soak duration not over yet. */
  Soaking,
  /** Synced, Healthy, soaked: what it runs may go to the next stage. */
  Verified,
  /** A candidate is here for it, waiting for `keelson promote approve`. */
  AwaitingApproval,
  /** Degraded, or its sync failed: nothing goes past it. */
  Failed
}
