package dev.keelson.rollouts.canary;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the step machine decides from: the spec, what the cluster shows and what the status
 * remembers.
 *
 * @param replicas spec.replicas
 * @param desiredHash pod template hash of the spec's template (the canary while it differs from stable)
 * @param stableHash the stable ReplicaSet's hash; empty before the first rollout finished
 * @param stepIndex status.currentStepIndex: the step being carried out; steps.size() once all are done
 * @param pausedSince when the current pause step began
 * @param canary the desired hash's ReplicaSet (NONE while absent)
 * @param stable the stable ReplicaSet (NONE while absent)
 * @param abortReason present while the rollout is aborted, with why
 * @param held spec.paused: nothing advances, nothing scales
 * @param action an operator's promote, applied once
 * @param stepAnalysis verdict of the analysis started for {@code stepIndex}, when that step is an analysis
 * @param backgroundAnalysis verdict of the background analysis (RUNNING when there is none)
 * @param trafficRouted the weight goes to a router: the stable keeps every replica while the
 *     canary grows to its share, as with Argo Rollouts' trafficRouting
 */
public record CanaryInput(
    int replicas, List<Step> steps, Surge surge, String desiredHash, Optional<String> stableHash, int stepIndex,
    Optional<Instant> pausedSince, ReplicaCounts canary, ReplicaCounts stable, Optional<String> abortReason,
    boolean held, OperatorAction action, AnalysisVerdict stepAnalysis, AnalysisVerdict backgroundAnalysis,
    Instant now, boolean trafficRouted) {
  /** Weights approximated by replica counts. */
  public CanaryInput(int replicas, List<Step> steps, Surge surge, String desiredHash, Optional<String> stableHash,
      int stepIndex, Optional<Instant> pausedSince, ReplicaCounts canary, ReplicaCounts stable,
      Optional<String> abortReason, boolean held, OperatorAction action, AnalysisVerdict stepAnalysis,
      AnalysisVerdict backgroundAnalysis, Instant now) {
    this(replicas, steps, surge, desiredHash, stableHash, stepIndex, pausedSince, canary, stable, abortReason, held,
        action, stepAnalysis, backgroundAnalysis, now, false);
  }

  public CanaryInput {
    steps = List.copyOf(steps);
    Objects.requireNonNull(desiredHash, "desiredHash");
    Objects.requireNonNull(now, "now");
    if (replicas < 0) throw new IllegalArgumentException("negative replicas");
    stepIndex = Math.max(0, Math.min(stepIndex, steps.size()));
  }

  boolean rollingOut() {
    return stableHash.isPresent() && !stableHash.get().equals(desiredHash);
  }
}
