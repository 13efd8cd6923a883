package dev.keelson.rollouts.bluegreen;

import dev.keelson.rollouts.canary.RolloutPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What to do now in a blue-green rollout.
 *
 * @param previewReplicas for the desired hash's ReplicaSet
 * @param stableReplicas for the stable ReplicaSet (the same one when nothing is rolling out)
 * @param activeHash where the active Service points
 * @param previewHash where the preview Service points
 * @param analysis the analysis to start now, if any
 * @param promoted the desired hash becomes stable now
 */
public record BlueGreenDecision(int previewReplicas, int stableReplicas, String activeHash, String previewHash,
    boolean scaleUpPreviewCheckPoint, RolloutPhase phase, String message, Optional<Instant> pausedSince,
    Optional<Stage> analysis, boolean promoted, Optional<String> abortReason, Optional<Duration> recheckAfter) {

  /** The two analyses of a blue-green rollout; the name is the AnalysisRun's suffix. */
  public enum Stage {
    PRE("pre"),
    POST("post");

    public final String suffix;

    Stage(String suffix) {
      this.suffix = suffix;
    }
  }
}
