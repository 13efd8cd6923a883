package dev.keelson.rollouts.canary;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The canary step machine: from the spec and what is observed, the next replica counts and status.
 * Pure, so every rule is tested without a cluster. Without traffic routing a weight is
 * approximated by replica counts (Argo Rollouts' basic canary): the canary gets
 * {@code ceil(weight * replicas / 100)}, the stable the rest, moving within maxSurge and
 * maxUnavailable. A step is done once its counts are reached and the canary's pods are available.
 * With traffic routing the router carries the weight: the stable keeps all its replicas and the
 * canary gets its share of them on top, so no request lands on a pod that is not there; a
 * {@code setCanaryScale} step sets that share apart from the weight (Argo Rollouts' dynamic canary
 * scale), and is done, like a setWeight, once the canary has its replicas available.
 */
public final class StepMachine {

  public CanaryDecision next(CanaryInput in) {
    int r = in.replicas();
    if (!in.rollingOut()) return steady(in);
    if (in.abortReason().isPresent()) return aborted(in, in.abortReason().get());
    if (in.backgroundAnalysis() == AnalysisVerdict.FAILED) return aborted(in, "background analysis failed");
    if (in.held()) {
      return new CanaryDecision(in.canary().desired(), in.stable().desired(), in.stepIndex(), RolloutPhase.Paused,
          "paused by an operator at step " + in.stepIndex(), in.pausedSince(), false, Optional.empty(),
          weightAt(in, in.stepIndex()), Optional.empty());
    }
    int index = in.stepIndex();
    Optional<Instant> since = in.pausedSince();
    boolean verdictApplies = true;
    if (in.action() == OperatorAction.PROMOTE_FULL) {
      index = in.steps().size();
      since = Optional.empty();
    } else if (in.action() == OperatorAction.PROMOTE && index < in.steps().size()) {
      index++;
      since = Optional.empty();
      verdictApplies = false;
    }
    while (true) {
      if (index == in.steps().size()) return fullyPromoting(in);
      int weight = weightAt(in, index);
      int canaryTarget = canaryScaleAt(in, index, weight);
      int stableTarget = in.trafficRouted() ? r : r - canaryTarget;
      int canary = scaleCanary(in, canaryTarget);
      int stable = scaleStable(in, stableTarget);
      Step step = in.steps().get(index);
      String where = "step " + (index + 1) + "/" + in.steps().size();
      if (!(canary == canaryTarget && in.canary().desired() == canaryTarget && in.canary().available() >= canaryTarget
          && stable == stableTarget && in.stable().desired() == stableTarget)) {
        return progressing(canary, stable, index, since, weight,
            where + ": canary " + in.canary().available() + "/" + canaryTarget + " available, stable "
                + in.stable().desired() + " -> " + stableTarget);
      }
      if (in.backgroundAnalysis() == AnalysisVerdict.INCONCLUSIVE) {
        return paused(canary, stable, index, since, weight, where + ": background analysis inconclusive", Optional.empty());
      }
      if (step instanceof Step.Pause p) {
        Instant start = since.orElse(in.now());
        if (p.duration().isEmpty()) {
          return paused(canary, stable, index, Optional.of(start), weight, where + ": paused until promoted",
              Optional.empty());
        }
        Instant end = start.plus(p.duration().get());
        if (in.now().isBefore(end)) {
          return paused(canary, stable, index, Optional.of(start), weight,
              where + ": paused until " + end, Optional.of(Duration.between(in.now(), end)));
        }
      } else if (step instanceof Step.Analysis a) {
        AnalysisVerdict verdict = verdictApplies ? in.stepAnalysis() : AnalysisVerdict.RUNNING;
        switch (verdict) {
          case FAILED:
            return aborted(in, where + ": analysis " + a.name() + " failed");
          case INCONCLUSIVE:
            return paused(canary, stable, index, since, weight, where + ": analysis " + a.name() + " inconclusive",
                Optional.empty());
          case RUNNING:
            return progressing(canary, stable, index, since, weight, where + ": analysis " + a.name() + " running");
          case SUCCESSFUL:
            break;
        }
      }
      // a setWeight reached, a pause over, an analysis passed: on to the next step
      index++;
      since = Optional.empty();
      verdictApplies = false;
    }
  }

  /** Nothing to roll out: the one ReplicaSet at full scale; the first one is stable at once. */
  private static CanaryDecision steady(CanaryInput in) {
    int r = in.replicas();
    boolean ready = in.canary().desired() == r && in.canary().available() >= r;
    return new CanaryDecision(r, r, in.steps().size(), ready ? RolloutPhase.Healthy : RolloutPhase.Progressing,
        ready ? "" : in.canary().available() + "/" + r + " replicas available", Optional.empty(),
        in.stableHash().isEmpty(), Optional.empty(), 100, Optional.empty());
  }

  /** All steps done: the canary at full scale, then promoted; the old stable waits for its scale-down delay. */
  private static CanaryDecision fullyPromoting(CanaryInput in) {
    int r = in.replicas();
    boolean ready = in.canary().desired() == r && in.canary().available() >= r;
    if (ready) {
      return new CanaryDecision(r, in.stable().desired(), in.steps().size(), RolloutPhase.Healthy, "", Optional.empty(),
          true, Optional.empty(), 100, Optional.empty());
    }
    return progressing(r, in.stable().desired(), in.steps().size(), Optional.empty(), 100,
        "promoting: canary " + in.canary().available() + "/" + r + " available");
  }

  /** Traffic back to stable at once: the stable at full scale, the canary to zero. */
  private static CanaryDecision aborted(CanaryInput in, String reason) {
    return new CanaryDecision(0, in.replicas(), in.stepIndex(), RolloutPhase.Degraded,
        "Rollout aborted: " + reason, Optional.empty(), false, Optional.of(reason), 0, Optional.empty());
  }

  private static CanaryDecision progressing(int canary, int stable, int index, Optional<Instant> since, int weight,
      String message) {
    return new CanaryDecision(canary, stable, index, RolloutPhase.Progressing, message, since, false, Optional.empty(),
        weight, Optional.empty());
  }

  private static CanaryDecision paused(int canary, int stable, int index, Optional<Instant> since, int weight,
      String message, Optional<Duration> recheck) {
    return new CanaryDecision(canary, stable, index, RolloutPhase.Paused, message, since, false, Optional.empty(),
        weight, recheck);
  }

  /** The weight in force at a step: that of the last setWeight at or before it; 100 after the last step. */
  static int weightAt(CanaryInput in, int index) {
    if (index >= in.steps().size()) return 100;
    for (int i = index; i >= 0; i--) {
      if (in.steps().get(i) instanceof Step.SetWeight w) return w.weight();
    }
    return 0;
  }

  /**
   * The canary's replicas at a step: those of the last setCanaryScale at or before it (its
   * replicas, or its weight of spec.replicas), else the traffic weight's share.
   */
  static int canaryScaleAt(CanaryInput in, int index, int weight) {
    for (int i = Math.min(index, in.steps().size() - 1); i >= 0; i--) {
      if (in.steps().get(i) instanceof Step.SetCanaryScale s) {
        if (s.replicas().isPresent()) return s.replicas().get();
        if (s.weight().isPresent()) return canaryReplicasFor(s.weight().get(), in.replicas());
        break; // matchTrafficWeight
      }
    }
    return canaryReplicasFor(weight, in.replicas());
  }

  static int canaryReplicasFor(int weight, int replicas) {
    return (int) ((long) weight * replicas + 99) / 100;
  }

  /** Grow the canary only as far as maxSurge lets the total go; shrink it at once. */
  private static int scaleCanary(CanaryInput in, int target) {
    if (target <= in.canary().desired() || in.trafficRouted()) return target;
    int room = in.replicas() + in.surge().maxSurge() - in.stable().desired();
    return Math.min(target, Math.max(in.canary().desired(), room));
  }

  /** Shrink the stable only while replicas - maxUnavailable stay available; grow it at once. */
  private static int scaleStable(CanaryInput in, int target) {
    if (target >= in.stable().desired()) return target;
    int minAvailable = in.replicas() - in.surge().maxUnavailable();
    int floor = Math.max(0, minAvailable - in.canary().available());
    return Math.max(target, Math.min(in.stable().desired(), floor));
  }
}
