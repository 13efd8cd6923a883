package dev.keelson.rollouts.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepMachineTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<Step> STEPS = List.of(new Step.SetWeight(25), new Step.Pause(Optional.empty()),
      new Step.SetWeight(50), new Step.Pause(Optional.of(Duration.ofSeconds(10))));
  private final StepMachine machine = new StepMachine();

  private static CanaryInput input(int index, ReplicaCounts canary, ReplicaCounts stable) {
    return new CanaryInput(4, STEPS, new Surge(1, 0), "new", Optional.of("old"), index, Optional.empty(), canary,
        stable, Optional.empty(), false, OperatorAction.NONE, AnalysisVerdict.RUNNING, AnalysisVerdict.RUNNING, T0);
  }

  @Test
  void firstTemplateBecomesStableAtFullScale() {
    var in = new CanaryInput(3, STEPS, new Surge(1, 0), "h1", Optional.empty(), 0, Optional.empty(),
        ReplicaCounts.NONE, ReplicaCounts.NONE, Optional.empty(), false, OperatorAction.NONE, AnalysisVerdict.RUNNING,
        AnalysisVerdict.RUNNING, T0);
    CanaryDecision d = machine.next(in);
    assertThat(d.canaryReplicas()).isEqualTo(3);
    assertThat(d.promoted()).isTrue();
    assertThat(d.phase()).isEqualTo(RolloutPhase.Progressing);
  }

  @Test
  void setWeightIsApproximatedByReplicasWithinSurge() {
    CanaryDecision d = machine.next(input(0, ReplicaCounts.NONE, new ReplicaCounts(4, 4)));
    // 25% of 4 is one canary; maxUnavailable 0 keeps all four stable until it is available
    assertThat(d.canaryReplicas()).isEqualTo(1);
    assertThat(d.stableReplicas()).isEqualTo(4);
    assertThat(d.phase()).isEqualTo(RolloutPhase.Progressing);

    d = machine.next(input(0, new ReplicaCounts(1, 1), new ReplicaCounts(4, 4)));
    assertThat(d.stableReplicas()).isEqualTo(3);
    assertThat(d.stepIndex()).isZero();
  }

  @Test
  void withTrafficRoutingTheStableKeepsEveryReplicaAndTheCanaryGrowsBeyondSurge() {
    var routed = new CanaryInput(10, List.of(new Step.SetWeight(30), new Step.Pause(Optional.empty())),
        new Surge(1, 0), "new", Optional.of("old"), 0, Optional.empty(), ReplicaCounts.NONE, new ReplicaCounts(10, 10),
        Optional.empty(), false, OperatorAction.NONE, AnalysisVerdict.RUNNING, AnalysisVerdict.RUNNING, T0, true);
    CanaryDecision d = machine.next(routed);
    // 30% of 10 at once, though maxSurge is 1: the router, not the pod count, carries the weight
    assertThat(d.canaryReplicas()).isEqualTo(3);
    assertThat(d.stableReplicas()).isEqualTo(10);
    assertThat(d.phase()).isEqualTo(RolloutPhase.Progressing);

    var ready = new CanaryInput(10, routed.steps(), routed.surge(), "new", routed.stableHash(), 0, Optional.empty(),
        new ReplicaCounts(3, 3), new ReplicaCounts(10, 10), Optional.empty(), false, OperatorAction.NONE,
        AnalysisVerdict.RUNNING, AnalysisVerdict.RUNNING, T0, true);
    d = machine.next(ready);
    assertThat(d.stepIndex()).isEqualTo(1);
    assertThat(d.phase()).isEqualTo(RolloutPhase.Paused);
    assertThat(d.stableReplicas()).isEqualTo(10);
    assertThat(d.canaryWeight()).isEqualTo(30);
  }

  @Test
  void reachedWeightMovesOnAndIndefinitePauseWaits() {
    CanaryDecision d = machine.next(input(0, new ReplicaCounts(1, 1), new ReplicaCounts(3, 3)));
    assertThat(d.stepIndex()).isEqualTo(1);
    assertThat(d.phase()).isEqualTo(RolloutPhase.Paused);
    assertThat(d.pausedSince()).contains(T0);
    assertThat(d.canaryWeight()).isEqualTo(25);
  }

  @Test
  void promoteLeavesThePause() {
    var in = input(1, new ReplicaCounts(1, 1), new ReplicaCounts(3, 3));
    in = new CanaryInput(4, STEPS, in.surge(), "new", in.stableHash(), 1, Optional.of(T0), in.canary(), in.stable(),
        Optional.empty(), false, OperatorAction.PROMOTE, AnalysisVerdict.RUNNING, AnalysisVerdict.RUNNING, T0);
    CanaryDecision d = machine.next(in);
    assertThat(d.stepIndex()).isEqualTo(2);
    assertThat(d.canaryReplicas()).isEqualTo(2);
    assertThat(d.phase()).isEqualTo(RolloutPhase.Progressing);
  }

  @Test
  void timedPauseEndsAfterItsDuration() {
    var base = input(3, new ReplicaCounts(2, 2), new ReplicaCounts(2, 2));
    var waiting = new CanaryInput(4, STEPS, base.surge(), "new", base.stableHash(), 3, Optional.of(T0), base.canary(),
        base.stable(), Optional.empty(), false, OperatorAction.NONE, AnalysisVerdict.RUNNING, AnalysisVerdict.RUNNING,
        T0.plusSeconds(4));
    CanaryDecision d = machine.next(waiting);
    assertThat(d.phase()).isEqualTo(RolloutPhase.Paused);
    assertThat(d.recheckAfter()).contains(Duration.ofSeconds(6));

    var over = new CanaryInput(4, STEPS, base.surge(), "new", base.stableHash(), 3, Optional.of(T0), base.canary(),
        base.stable(), Optional.empty(), false, OperatorAction.NONE, AnalysisVerdict.RUNNING, AnalysisVerdict.RUNNING,
        T0.plusSeconds(10));
    d = machine.next(over);
    assertThat(d.stepIndex()).isEqualTo(4);
    assertThat(d.canaryReplicas()).isEqualTo(4);
    assertThat(d.promoted()).isFalse();
  }

  @Test
  void fullyAvailableCanaryIsPromotedAndTheOldStableKept() {
    CanaryDecision d = machine.next(input(4, new ReplicaCounts(4, 4), new ReplicaCounts(2, 2)));
    assertThat(d.promoted()).isTrue();
    assertThat(d.phase()).isEqualTo(RolloutPhase.Healthy);
    // the old stable is scaled down after scaleDownDelaySeconds, by the reconciler
    assertThat(d.stableReplicas()).isEqualTo(2);
  }

  @Test
  void promoteFullSkipsEveryStep() {
    var base = input(0, ReplicaCounts.NONE, new ReplicaCounts(4, 4));
    var in = new CanaryInput(4, STEPS, base.surge(), "new", base.stableHash(), 0, Optional.empty(), base.canary(),
        base.stable(), Optional.empty(), false, OperatorAction.PROMOTE_FULL, AnalysisVerdict.RUNNING,
        AnalysisVerdict.RUNNING, T0);
    CanaryDecision d = machine.next(in);
    assertThat(d.stepIndex()).isEqualTo(4);
    assertThat(d.canaryReplicas()).isEqualTo(4);
  }

  @Test
  void abortSendsEverythingBackToStable() {
    var base = input(2, new ReplicaCounts(2, 2), new ReplicaCounts(2, 2));
    var in = new CanaryInput(4, STEPS, base.surge(), "new", base.stableHash(), 2, Optional.empty(), base.canary(),
        base.stable(), Optional.of("aborted by an operator"), false, OperatorAction.NONE, AnalysisVerdict.RUNNING,
        AnalysisVerdict.RUNNING, T0);
    CanaryDecision d = machine.next(in);
    assertThat(d.canaryReplicas()).isZero();
    assertThat(d.stableReplicas()).isEqualTo(4);
    assertThat(d.phase()).isEqualTo(RolloutPhase.Degraded);
    assertThat(d.message()).contains("aborted by an operator");
  }

  @Test
  void failedAnalysisStepAbortsAndInconclusivePauses() {
    List<Step> steps = List.of(new Step.SetWeight(50), new Step.Analysis("step-2"));
    var failed = new CanaryInput(2, steps, new Surge(1, 0), "new", Optional.of("old"), 1, Optional.empty(),
        new ReplicaCounts(1, 1), new ReplicaCounts(1, 1), Optional.empty(), false, OperatorAction.NONE,
        AnalysisVerdict.FAILED, AnalysisVerdict.RUNNING, T0);
    assertThat(machine.next(failed).abortReason()).isPresent();
    var inconclusive = new CanaryInput(2, steps, new Surge(1, 0), "new", Optional.of("old"), 1, Optional.empty(),
        new ReplicaCounts(1, 1), new ReplicaCounts(1, 1), Optional.empty(), false, OperatorAction.NONE,
        AnalysisVerdict.INCONCLUSIVE, AnalysisVerdict.RUNNING, T0);
    assertThat(machine.next(inconclusive).phase()).isEqualTo(RolloutPhase.Paused);
  }

  @Test
  void heldRolloutDoesNotMove() {
    var base = input(0, new ReplicaCounts(1, 1), new ReplicaCounts(4, 4));
    var in = new CanaryInput(4, STEPS, base.surge(), "new", base.stableHash(), 0, Optional.empty(), base.canary(),
        base.stable(), Optional.empty(), true, OperatorAction.NONE, AnalysisVerdict.RUNNING, AnalysisVerdict.RUNNING, T0);
    CanaryDecision d = machine.next(in);
    assertThat(d.phase()).isEqualTo(RolloutPhase.Paused);
    assertThat(d.stableReplicas()).isEqualTo(4);
  }

  @Test
  void percentagesResolveLikeADeployment() {
    assertThat(Surge.of(IntOrPercent.parse("25%"), IntOrPercent.parse("25%"), 3)).isEqualTo(new Surge(1, 0));
    assertThat(Surge.of(IntOrPercent.parse("0"), IntOrPercent.parse("0"), 3)).isEqualTo(new Surge(0, 1));
    assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("7")).isEqualTo(Duration.ofSeconds(7));
  }

  private static CanaryInput routed(List<Step> steps, int index, ReplicaCounts canary, ReplicaCounts stable) {
    return new CanaryInput(4, steps, new Surge(1, 0), "new", Optional.of("old"), index, Optional.empty(), canary,
        stable, Optional.empty(), false, OperatorAction.NONE, AnalysisVerdict.RUNNING, AnalysisVerdict.RUNNING, T0, true);
  }

  @Test
  void setCanaryScaleSetsTheCanarysReplicasApartFromTheWeightUntilMatchTrafficWeight() {
    List<Step> steps = List.of(new Step.SetCanaryScale(Optional.of(3), Optional.empty()), new Step.SetWeight(10),
        new Step.Pause(Optional.empty()), new Step.SetCanaryScale(Optional.empty(), Optional.of(50)),
        new Step.Pause(Optional.empty()), Step.SetCanaryScale.MATCH_TRAFFIC_WEIGHT, new Step.Pause(Optional.empty()));
    ReplicaCounts stable = new ReplicaCounts(4, 4);
    // the scale step waits for its replicas like a setWeight, at weight 0 still
    CanaryDecision scaling = machine.next(routed(steps, 0, ReplicaCounts.NONE, stable));
    assertThat(scaling.canaryReplicas()).isEqualTo(3);
    assertThat(scaling.stepIndex()).isZero();
    assertThat(scaling.canaryWeight()).isZero();
    assertThat(scaling.stableReplicas()).isEqualTo(4);
    // three canary pods for 10% of the traffic
    CanaryDecision paused = machine.next(routed(steps, 0, new ReplicaCounts(3, 3), stable));
    assertThat(paused.stepIndex()).isEqualTo(2);
    assertThat(paused.phase()).isEqualTo(RolloutPhase.Paused);
    assertThat(paused.canaryReplicas()).isEqualTo(3);
    assertThat(paused.canaryWeight()).isEqualTo(10);
    // weight: 50 of four replicas is two
    CanaryDecision half = machine.next(routed(steps, 3, new ReplicaCounts(3, 3), stable));
    assertThat(half.canaryReplicas()).isEqualTo(2);
    // matchTrafficWeight: back to the weight's share, ceil(10% of 4) = 1
    CanaryDecision matched = machine.next(routed(steps, 5, new ReplicaCounts(2, 2), stable));
    assertThat(matched.canaryReplicas()).isEqualTo(1);
    assertThat(matched.canaryWeight()).isEqualTo(10);
  }

  @Test
  void setCanaryScaleIsReadAsArgoReadsIt() {
    var routing = new java.util.HashMap<String, Object>(java.util.Map.of("smi", java.util.Map.of()));
    var canary = new dev.keelson.api.rollouts.v1alpha1.CanaryStrategy();
    canary.canaryService = "c";
    canary.stableService = "s";
    canary.trafficRouting = routing;
    var step = new dev.keelson.api.rollouts.v1alpha1.CanaryStep();
    step.setCanaryScale = new dev.keelson.api.rollouts.v1alpha1.SetCanaryScale();
    step.setCanaryScale.matchTrafficWeight = true;
    canary.steps = List.of(step);
    assertThat(CanarySpec.of(canary).steps()).containsExactly(Step.SetCanaryScale.MATCH_TRAFFIC_WEIGHT);

    step.setCanaryScale.replicas = 2;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanarySpec.of(canary))
        .hasMessageContaining("step 1: setCanaryScale takes exactly one of replicas, weight and matchTrafficWeight");
    step.setCanaryScale.matchTrafficWeight = null;
    canary.trafficRouting = null;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanarySpec.of(canary))
        .hasMessageContaining("step 1: setCanaryScale requires trafficRouting");
  }
}
