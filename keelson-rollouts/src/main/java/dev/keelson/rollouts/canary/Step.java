package dev.keelson.rollouts.canary;

import java.time.Duration;
import java.util.Optional;

/** One canary step, as the step machine sees it. */
public sealed interface Step {
  /** Send this share (0-100) of the traffic to the canary; without traffic routing, of the replicas. */
  record SetWeight(int weight) implements Step {
    public SetWeight {
      if (weight < 0 || weight > 100) throw new IllegalArgumentException("setWeight must be 0-100, was " + weight);
    }
  }

  /**
   * Argo Rollouts' {@code setCanaryScale}, with traffic routing only: the canary's replicas from
   * this step on, apart from the weight the router sends it, until the next such step.
   * {@code matchTrafficWeight} (both empty) goes back to replicas following the weight.
   *
   * @param replicas a count of pods
   * @param weight a share (0-100) of spec.replicas, rounded up
   */
  record SetCanaryScale(Optional<Integer> replicas, Optional<Integer> weight) implements Step {
    public SetCanaryScale {
      if (replicas.isPresent() && weight.isPresent()) {
        throw new IllegalArgumentException("setCanaryScale: one of replicas, weight and matchTrafficWeight");
      }
      if (replicas.filter(n -> n < 0).isPresent()) throw new IllegalArgumentException("setCanaryScale.replicas must not be negative");
      if (weight.filter(w -> w < 0 || w > 100).isPresent()) {
        throw new IllegalArgumentException("setCanaryScale.weight must be 0-100, was " + weight.get());
      }
    }

    public static final SetCanaryScale MATCH_TRAFFIC_WEIGHT = new SetCanaryScale(Optional.empty(), Optional.empty());
  }

  /** Wait for a promote ({@code pause: {}}), or for a duration. */
  record Pause(Optional<Duration> duration) implements Step {}

  /** Run the named analysis and go on only when it succeeds. */
  record Analysis(String name) implements Step {}
}
