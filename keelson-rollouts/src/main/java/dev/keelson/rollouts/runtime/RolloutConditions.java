package dev.keelson.rollouts.runtime;

import dev.keelson.rollouts.canary.RolloutPhase;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Progressing and Available conditions from the phase; a condition's transition time only
 * moves when its status does, as Kubernetes' conventions ask. An empty message is the reason:
 * the 1.20 API server reads empty strings in status back as null, which the schema refuses.
 */
final class RolloutConditions {
  private RolloutConditions() {}

  static List<Condition> of(RolloutPhase phase, String message, Instant now, List<Condition> previous) {
    return of(phase, message, now, previous, false);
  }

  /** @param deadlineExceeded Degraded by progressDeadlineSeconds rather than by an abort */
  static List<Condition> of(RolloutPhase phase, String message, Instant now, List<Condition> previous,
      boolean deadlineExceeded) {
    String progressingReason = deadlineExceeded ? "ProgressDeadlineExceeded" : switch (phase) {
      case Progressing -> "ReplicaSetUpdated";
      case Paused -> "RolloutPaused";
      case Healthy -> "NewReplicaSetAvailable";
      case Degraded -> "RolloutAborted";
    };
    List<Condition> out = new ArrayList<>();
    out.add(condition("Progressing", phase == RolloutPhase.Degraded ? "False" : "True", progressingReason, message, now, previous));
    out.add(condition("Available", phase == RolloutPhase.Healthy || phase == RolloutPhase.Paused ? "True" : "False",
        phase == RolloutPhase.Healthy ? "AvailableReason" : progressingReason, message, now, previous));
    return out;
  }

  private static Condition condition(String type, String status, String reason, String message, Instant now,
      List<Condition> previous) {
    String since = previous == null ? null : previous.stream()
        .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime).findFirst().orElse(null);
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message == null || message.isEmpty() ? reason : message)
        .withLastTransitionTime(since == null ? now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString() : since)
        .build();
  }
}
