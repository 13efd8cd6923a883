package dev.keelson.rollouts.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.rollouts.bluegreen.BlueGreenDecision.Stage;
import dev.keelson.rollouts.canary.AnalysisVerdict;
import dev.keelson.rollouts.canary.OperatorAction;
import dev.keelson.rollouts.canary.ReplicaCounts;
import dev.keelson.rollouts.canary.RolloutPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlueGreenMachineTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final BlueGreenMachine machine = new BlueGreenMachine();

  /** Three replicas, preview of one, v1 stable and active, v2 the spec's template. */
  private static BlueGreenInput input(boolean auto, Optional<Duration> autoSeconds, boolean checkpoint,
      Optional<String> active, ReplicaCounts preview, OperatorAction action, Optional<AnalysisVerdict> pre,
      Optional<AnalysisVerdict> post, Optional<Instant> since, Instant now) {
    return new BlueGreenInput(3, Optional.of(1), auto, autoSeconds, "v2", Optional.of("v1"), active, checkpoint,
        preview, new ReplicaCounts(3, 3), since, Optional.empty(), false, action, pre, post, now);
  }

  private static BlueGreenInput preview(boolean auto, ReplicaCounts preview) {
    return input(auto, Optional.empty(), false, Optional.of("v1"), preview, OperatorAction.NONE, Optional.empty(),
        Optional.empty(), Optional.empty(), T0);
  }

  @Test
  void firstTemplateIsStableAndActiveAtOnce() {
    var d = machine.next(new BlueGreenInput(3, Optional.of(1), true, Optional.empty(), "v1", Optional.empty(),
        Optional.empty(), false, ReplicaCounts.NONE, ReplicaCounts.NONE, Optional.empty(), Optional.empty(), false,
        OperatorAction.NONE, Optional.empty(), Optional.empty(), T0));
    assertThat(d.previewReplicas()).isEqualTo(3);
    assertThat(d.activeHash()).isEqualTo("v1");
    assertThat(d.promoted()).isTrue();
  }

  @Test
  void previewGetsItsReplicaCountBehindThePreviewServiceWhileActiveStaysOnStable() {
    var d = machine.next(preview(false, ReplicaCounts.NONE));
    assertThat(d.previewReplicas()).isEqualTo(1);
    assertThat(d.stableReplicas()).isEqualTo(3);
    assertThat(d.activeHash()).isEqualTo("v1");
    assertThat(d.previewHash()).isEqualTo("v2");
    assertThat(d.phase()).isEqualTo(RolloutPhase.Progressing);
  }

  @Test
  void withoutAutoPromotionAReadyPreviewWaitsForPromote() {
    var d = machine.next(preview(false, new ReplicaCounts(1, 1)));
    assertThat(d.phase()).isEqualTo(RolloutPhase.Paused);
    assertThat(d.pausedSince()).contains(T0);
    assertThat(d.activeHash()).isEqualTo("v1");

    d = machine.next(input(false, Optional.empty(), false, Optional.of("v1"), new ReplicaCounts(1, 1),
        OperatorAction.PROMOTE, Optional.empty(), Optional.empty(), Optional.of(T0), T0));
    // promoted: the preview goes to full scale before the active Service moves
    assertThat(d.previewReplicas()).isEqualTo(3);
    assertThat(d.scaleUpPreviewCheckPoint()).isTrue();
    assertThat(d.activeHash()).isEqualTo("v1");

    d = machine.next(input(false, Optional.empty(), true, Optional.of("v1"), new ReplicaCounts(3, 3),
        OperatorAction.NONE, Optional.empty(), Optional.empty(), Optional.empty(), T0));
    assertThat(d.activeHash()).isEqualTo("v2");
    assertThat(d.promoted()).isTrue();
    assertThat(d.phase()).isEqualTo(RolloutPhase.Healthy);
  }

  @Test
  void autoPromotionSecondsCountFromTheReadyPreview() {
    var wait = Optional.of(Duration.ofSeconds(10));
    var d = machine.next(input(true, wait, false, Optional.of("v1"), new ReplicaCounts(1, 1), OperatorAction.NONE,
        Optional.empty(), Optional.empty(), Optional.of(T0), T0.plusSeconds(4)));
    assertThat(d.phase()).isEqualTo(RolloutPhase.Paused);
    assertThat(d.recheckAfter()).contains(Duration.ofSeconds(6));
    d = machine.next(input(true, wait, false, Optional.of("v1"), new ReplicaCounts(1, 1), OperatorAction.NONE,
        Optional.empty(), Optional.empty(), Optional.of(T0), T0.plusSeconds(10)));
    assertThat(d.scaleUpPreviewCheckPoint()).isTrue();
    assertThat(d.previewReplicas()).isEqualTo(3);
  }

  @Test
  void prePromotionAnalysisGatesThePromotionAndItsFailureAborts() {
    var ready = new ReplicaCounts(1, 1);
    var d = machine.next(input(true, Optional.empty(), false, Optional.of("v1"), ready, OperatorAction.NONE,
        Optional.of(AnalysisVerdict.RUNNING), Optional.empty(), Optional.empty(), T0));
    assertThat(d.analysis()).contains(Stage.PRE);
    assertThat(d.scaleUpPreviewCheckPoint()).isFalse();
    d = machine.next(input(true, Optional.empty(), false, Optional.of("v1"), ready, OperatorAction.NONE,
        Optional.of(AnalysisVerdict.FAILED), Optional.empty(), Optional.empty(), T0));
    assertThat(d.phase()).isEqualTo(RolloutPhase.Degraded);
    assertThat(d.abortReason()).contains("pre-promotion analysis failed");
    assertThat(d.previewReplicas()).isZero();
    assertThat(d.activeHash()).isEqualTo("v1");
  }

  @Test
  void postPromotionAnalysisRunsWithActiveSwitchedAndItsFailureSwitchesBack() {
    var full = new ReplicaCounts(3, 3);
    var d = machine.next(input(true, Optional.empty(), true, Optional.of("v1"), full, OperatorAction.NONE,
        Optional.empty(), Optional.of(AnalysisVerdict.RUNNING), Optional.empty(), T0));
    assertThat(d.activeHash()).isEqualTo("v2");
    assertThat(d.analysis()).contains(Stage.POST);
    assertThat(d.promoted()).isFalse();
    assertThat(d.stableReplicas()).isEqualTo(3);

    d = machine.next(input(true, Optional.empty(), true, Optional.of("v2"), full, OperatorAction.NONE,
        Optional.empty(), Optional.of(AnalysisVerdict.FAILED), Optional.empty(), T0));
    assertThat(d.activeHash()).isEqualTo("v1");
    assertThat(d.phase()).isEqualTo(RolloutPhase.Degraded);
    assertThat(d.scaleUpPreviewCheckPoint()).isFalse();

    d = machine.next(input(true, Optional.empty(), true, Optional.of("v2"), full, OperatorAction.NONE,
        Optional.empty(), Optional.of(AnalysisVerdict.SUCCESSFUL), Optional.empty(), T0));
    assertThat(d.promoted()).isTrue();
    assertThat(d.activeHash()).isEqualTo("v2");
  }
}
