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
    throw new IllegalArgumentException("step " + (index + 1) + ": setWeight, pause or analysis expected"
        + (s.setCanaryScale != null
            ? " (setCanaryScale is not supported yet)" : ""));
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
