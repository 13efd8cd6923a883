package dev.keelson.rollouts.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Receives every event a Rollout's reconcile records (its abort among them): the controller offers them to its Alerts. */
@FunctionalInterface
public interface RolloutEventTap {
  RolloutEventTap NONE = (object, warning, reason, message) -> { };

  void recorded(HasMetadata object, boolean warning, String reason, String message);
}
