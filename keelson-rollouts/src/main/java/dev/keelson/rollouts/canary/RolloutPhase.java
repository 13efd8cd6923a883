package dev.keelson.rollouts.canary;

/** Argo Rollouts' phases, spelled as the status shows them. */
public enum RolloutPhase {
  Progressing,
  Paused,
  Healthy,
  Degraded
}
