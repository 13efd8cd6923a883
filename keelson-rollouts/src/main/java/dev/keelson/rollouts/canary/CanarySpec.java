package dev.keelson.rollouts.canary;

import dev.keelson.api.rollouts.v1alpha1.CanaryStep;
import dev.keelson.api.rollouts.v1alpha1.CanaryStrategy;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Rollout's canary strategy read into typed values; the one place the manifest's strings and
 * int-or-strings are interpreted.
 */
public record CanarySpec(List<Step> steps, IntOrPercent maxSurge, IntOrPercent maxUnavailable,
    Duration scaleDownDelay, Optional<String> canaryService, Optional<String> stableService,
    Optional<TrafficRouting> trafficRouting) {
  /** Argo Rollouts' defaults. */
  static final IntOrPercent DEFAULT_SURGE = new IntOrPercent.Percent(25);
  static final IntOrPercent DEFAULT_UNAVAILABLE = new IntOrPercent.Percent(25);
  static final Duration DEFAULT_SCALE_DOWN_DELAY = Duration.ofSeconds(30);

  public CanarySpec {
    steps = List.copyOf(steps);
  }

  public static CanarySpec of(CanaryStrategy canary) {
    if (canary == null) canary = new CanaryStrategy();
    List<Step> steps = new ArrayList<>();
    int i = 0;
    for (CanaryStep s : canary.steps == null ? List.<CanaryStep>of() : canary.steps) {
      steps.add(step(s, i++));
    }
    Optional<TrafficRouting> routing = TrafficRouting.of(canary.trafficRouting);
    for (int k = 0; k < steps.size(); k++) {
      if (steps.get(k) instanceof Step.SetCanaryScale && routing.isEmpty()) {
        // Argo Rollouts refuses it too: without a router the replicas are the weight
        throw new IllegalArgumentException("step " + (k + 1) + ": setCanaryScale requires trafficRouting");
      }
    }
    if (routing.isPresent() && (canary.canaryService == null || canary.stableService == null)) {
      throw new IllegalArgumentException("trafficRouting needs both canaryService and stableService");
    }
    return new CanarySpec(steps, intOrPercent(canary.maxSurge, DEFAULT_SURGE),
        intOrPercent(canary.maxUnavailable, DEFAULT_UNAVAILABLE),
        canary.scaleDownDelaySeconds == null ? DEFAULT_SCALE_DOWN_DELAY : Duration.ofSeconds(canary.scaleDownDelaySeconds),
        Optional.ofNullable(canary.canaryService), Optional.ofNullable(canary.stableService), routing);
  }

  public Surge surge(int replicas) {
    return Surge.of(maxSurge, maxUnavailable, replicas);
  }

  private static Step step(CanaryStep s, int index) {
    if (s.setWeight != null) return new Step.SetWeight(s.setWeight);
    if (s.pause != null) {
      return new Step.Pause(s.pause.duration == null ? Optional.empty() : Optional.of(duration(s.pause.duration)));
    }
    if (s.analysis != null) return new Step.Analysis("step-" + (index + 1));
    if (s.setCanaryScale != null) return canaryScale(s.setCanaryScale, index);
    throw new IllegalArgumentException("step " + (index + 1) + ": setWeight, pause, analysis or setCanaryScale expected");
  }

  private static Step.SetCanaryScale canaryScale(dev.keelson.api.rollouts.v1alpha1.SetCanaryScale s, int index) {
    int given = (s.replicas != null ? 1 : 0) + (s.weight != null ? 1 : 0) + (Boolean.TRUE.equals(s.matchTrafficWeight) ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException("step " + (index + 1)
          + ": setCanaryScale takes exactly one of replicas, weight and matchTrafficWeight: true");
    }
    try {
      return new Step.SetCanaryScale(Optional.ofNullable(s.replicas), Optional.ofNullable(s.weight));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("step " + (index + 1) + ": " + e.getMessage());
    }
  }

  private static Duration duration(IntOrString d) {
    return d.getIntVal() != null ? Duration.ofSeconds(d.getIntVal()) : Durations.parse(d.getStrVal());
  }

  private static IntOrPercent intOrPercent(IntOrString v, IntOrPercent fallback) {
    if (v == null) return fallback;
    if (v.getIntVal() != null) return new IntOrPercent.Count(v.getIntVal());
    return IntOrPercent.parse(v.getStrVal());
  }
}
