package dev.keelson.rollouts.bluegreen;

import dev.keelson.rollouts.canary.AnalysisVerdict;
import dev.keelson.rollouts.canary.OperatorAction;
import dev.keelson.rollouts.canary.ReplicaCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the blue-green machine decides from.
 *
 * @param desiredHash pod template hash of the spec's template (the preview while it differs from stable)
 * @param stableHash the stable ReplicaSet's hash; empty before the first rollout finished
 * @param activeHash what the active Service points at now (status.blueGreen.activeSelector)
 * @param scaleUpPreviewCheckPoint promotion was granted: the preview goes to full scale, then becomes active
 * @param preview the desired hash's ReplicaSet
 * @param stable the stable ReplicaSet
 * @param pausedSince when the promotion pause began (the preview was ready)
 * @param prePromotion verdict of the pre-promotion analysis; empty when there is none
 * @param postPromotion verdict of the post-promotion analysis; empty when there is none
 */
public record BlueGreenInput(int replicas, Optional<Integer> previewReplicaCount, boolean autoPromotionEnabled,
    Optional<Duration> autoPromotionSeconds, String desiredHash, Optional<String> stableHash,
    Optional<String> activeHash, boolean scaleUpPreviewCheckPoint, ReplicaCounts preview, ReplicaCounts stable,
    Optional<Instant> pausedSince, Optional<String> abortReason, boolean held, OperatorAction action,
    Optional<AnalysisVerdict> prePromotion, Optional<AnalysisVerdict> postPromotion, Instant now) {
  public BlueGreenInput {
    Objects.requireNonNull(desiredHash, "desiredHash");
    Objects.requireNonNull(now, "now");
    if (replicas < 0) throw new IllegalArgumentException("negative replicas");
  }

  boolean rollingOut() {
    return stableHash.isPresent() && !stableHash.get().equals(desiredHash);
  }
}
