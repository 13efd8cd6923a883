package dev.keelson.rollouts.bluegreen;

import dev.keelson.api.rollouts.v1alpha1.BlueGreenStrategy;
import dev.keelson.api.rollouts.v1alpha1.RolloutAnalysis;
import java.time.Duration;
import java.util.Optional;

/**
 * A Rollout's blue-green strategy read into typed values, with Argo Rollouts' defaults:
 * auto-promotion on, no auto-promotion delay, the preview at full scale, 30 s scale-down delay.
 *
 * @param previewReplicaCount replicas of the new template before promotion; empty: spec.replicas
 * @param autoPromotionSeconds with auto-promotion on, how long the ready preview waits before it is promoted
 */
public record BlueGreenSpec(String activeService, Optional<String> previewService, boolean autoPromotionEnabled,
    Optional<Duration> autoPromotionSeconds, Optional<Integer> previewReplicaCount, Duration scaleDownDelay,
    Optional<RolloutAnalysis> prePromotionAnalysis, Optional<RolloutAnalysis> postPromotionAnalysis) {
  static final Duration DEFAULT_SCALE_DOWN_DELAY = Duration.ofSeconds(30);

  public static BlueGreenSpec of(BlueGreenStrategy bg) {
    if (bg.activeService == null || bg.activeService.isBlank()) {
      throw new IllegalArgumentException("strategy.blueGreen.activeService is required");
    }
    if (bg.previewReplicaCount != null && bg.previewReplicaCount < 0) {
      throw new IllegalArgumentException("strategy.blueGreen.previewReplicaCount must not be negative");
    }
    if (bg.autoPromotionSeconds != null && bg.autoPromotionSeconds < 0) {
      throw new IllegalArgumentException("strategy.blueGreen.autoPromotionSeconds must not be negative");
    }
    if (bg.previewService != null && bg.previewService.equals(bg.activeService)) {
      throw new IllegalArgumentException("strategy.blueGreen.previewService must differ from activeService");
    }
    return new BlueGreenSpec(bg.activeService, Optional.ofNullable(bg.previewService),
        bg.autoPromotionEnabled == null || bg.autoPromotionEnabled,
        Optional.ofNullable(bg.autoPromotionSeconds).filter(s -> s > 0).map(Duration::ofSeconds),
        Optional.ofNullable(bg.previewReplicaCount),
        bg.scaleDownDelaySeconds == null ? DEFAULT_SCALE_DOWN_DELAY : Duration.ofSeconds(bg.scaleDownDelaySeconds),
        analysis(bg.prePromotionAnalysis), analysis(bg.postPromotionAnalysis));
  }

  private static Optional<RolloutAnalysis> analysis(RolloutAnalysis a) {
    return a == null || a.templates == null || a.templates.isEmpty() ? Optional.empty() : Optional.of(a);
  }
}
