package dev.keelson.rollouts.bluegreen;

import dev.keelson.rollouts.bluegreen.BlueGreenDecision.Stage;
import dev.keelson.rollouts.canary.OperatorAction;
import dev.keelson.rollouts.canary.RolloutPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The blue-green machine (Argo Rollouts' semantics): a new template gets its own ReplicaSet at
 * {@code previewReplicaCount} (default: full scale) behind the preview Service while the active
 * Service stays on stable. Once the preview is available and the pre-promotion analysis passed,
 * it is promoted at once, after {@code autoPromotionSeconds}, or (auto-promotion off) when an
 * operator promotes. Promotion scales the preview to full, switches the active Service, runs the
 * post-promotion analysis and only then makes it stable; the old stable keeps its pods until its
 * scale-down delay is over, so a failing post-promotion analysis switches back without waiting.
 * Pure, so every rule is tested without a cluster.
 */
public final class BlueGreenMachine {

  public BlueGreenDecision next(BlueGreenInput in) {
    int r = in.replicas();
    if (!in.rollingOut()) return steady(in);
    if (in.abortReason().isPresent()) return aborted(in, in.abortReason().get());
    String stable = in.stableHash().get();
    String desired = in.desiredHash();
    boolean switched = in.activeHash().filter(desired::equals).isPresent();
    if (in.held()) {
      return new BlueGreenDecision(in.preview().desired(), in.stable().desired(), switched ? desired : stable, desired,
          in.scaleUpPreviewCheckPoint(), RolloutPhase.Paused, "paused by an operator", in.pausedSince(),
          Optional.empty(), false, Optional.empty(), Optional.empty());
    }
    boolean promote = in.action() != OperatorAction.NONE;
    if (switched) return afterSwitch(in, promote);

    boolean checkpoint = in.scaleUpPreviewCheckPoint() || promote;
    if (!checkpoint) {
      int target = Math.min(r, in.previewReplicaCount().orElse(r));
      if (!(in.preview().desired() == target && in.preview().available() >= target)) {
        return progressing(in, target, stable, false, Optional.empty(),
            "preview " + in.preview().available() + "/" + target + " available");
      }
      if (in.prePromotion().isPresent()) {
        switch (in.prePromotion().get()) {
          case FAILED:
            return aborted(in, "pre-promotion analysis failed");
          case INCONCLUSIVE:
            return paused(in, target, Optional.empty(), "pre-promotion analysis inconclusive", Optional.empty());
          case RUNNING:
            return progressing(in, target, stable, false, Optional.of(Stage.PRE), "pre-promotion analysis running");
          case SUCCESSFUL:
            break;
        }
      }
      if (!in.autoPromotionEnabled()) {
        return paused(in, target, Optional.of(in.pausedSince().orElse(in.now())), "preview ready; waiting for promote",
            Optional.empty());
      }
      if (in.autoPromotionSeconds().isPresent()) {
        Instant start = in.pausedSince().orElse(in.now());
        Instant end = start.plus(in.autoPromotionSeconds().get());
        if (in.now().isBefore(end)) {
          return paused(in, target, Optional.of(start), "preview ready; promoted automatically at " + end,
              Optional.of(Duration.between(in.now(), end)));
        }
      }
    }
    // promotion granted: the preview at full scale, then the active Service switches to it
    if (!(in.preview().desired() == r && in.preview().available() >= r)) {
      return progressing(in, r, stable, true, Optional.empty(),
          "promoting: preview " + in.preview().available() + "/" + r + " available");
    }
    if (in.postPromotion().isPresent()) {
      return progressing(in, r, desired, true, Optional.of(Stage.POST), "active switched; post-promotion analysis running");
    }
    return promoted(in);
  }

  /** The active Service is on the new template: the post-promotion analysis decides whether it stays. */
  private static BlueGreenDecision afterSwitch(BlueGreenInput in, boolean promote) {
    if (in.postPromotion().isPresent() && !promote) {
      switch (in.postPromotion().get()) {
        case FAILED:
          return aborted(in, "post-promotion analysis failed");
        case INCONCLUSIVE:
          return new BlueGreenDecision(in.replicas(), in.stable().desired(), in.desiredHash(), in.desiredHash(), true,
              RolloutPhase.Paused, "post-promotion analysis inconclusive", Optional.empty(), Optional.empty(), false,
              Optional.empty(), Optional.empty());
        case RUNNING:
          return progressing(in, in.replicas(), in.desiredHash(), true, Optional.of(Stage.POST),
              "active switched; post-promotion analysis running");
        case SUCCESSFUL:
          break;
      }
    }
    return promoted(in);
  }

  private static BlueGreenDecision promoted(BlueGreenInput in) {
    return new BlueGreenDecision(in.replicas(), in.stable().desired(), in.desiredHash(), in.desiredHash(), false,
        RolloutPhase.Healthy, "", Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty());
  }

  /** Nothing to roll out: the one ReplicaSet at full scale behind both Services; the first one is stable at once. */
  private static BlueGreenDecision steady(BlueGreenInput in) {
    int r = in.replicas();
    boolean ready = in.preview().desired() == r && in.preview().available() >= r;
    return new BlueGreenDecision(r, r, in.desiredHash(), in.desiredHash(), false,
        ready ? RolloutPhase.Healthy : RolloutPhase.Progressing,
        ready ? "" : in.preview().available() + "/" + r + " replicas available", Optional.empty(), Optional.empty(),
        in.stableHash().isEmpty(), Optional.empty(), Optional.empty());
  }

  /** Back to stable at once: the active Service on stable at full scale, the preview at zero. */
  private static BlueGreenDecision aborted(BlueGreenInput in, String reason) {
    return new BlueGreenDecision(0, in.replicas(), in.stableHash().get(), in.desiredHash(), false,
        RolloutPhase.Degraded, "Rollout aborted: " + reason, Optional.empty(), Optional.empty(), false,
        Optional.of(reason), Optional.empty());
  }

  private static BlueGreenDecision progressing(BlueGreenInput in, int preview, String active, boolean checkpoint,
      Optional<Stage> analysis, String message) {
    return new BlueGreenDecision(preview, in.replicas(), active, in.desiredHash(), checkpoint, RolloutPhase.Progressing,
        message, Optional.empty(), analysis, false, Optional.empty(), Optional.empty());
  }

  private static BlueGreenDecision paused(BlueGreenInput in, int preview, Optional<Instant> since, String message,
      Optional<Duration> recheck) {
    return new BlueGreenDecision(preview, in.replicas(), in.stableHash().get(), in.desiredHash(), false,
        RolloutPhase.Paused, message, since, Optional.empty(), false, Optional.empty(), recheck);
  }
}
