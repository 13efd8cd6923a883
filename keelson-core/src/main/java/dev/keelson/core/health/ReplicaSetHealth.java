package dev.keelson.core.health;

import java.util.Map;
import java.util.Optional;

/** ReplicaSet (and ReplicationController): as in Argo CD. */
final class ReplicaSetHealth implements HealthCheck {

  @Override
  public Health check(Map<String, Object> rs) {
    long generation = Fields.generation(rs);
    long observed = Fields.observedGeneration(rs);
    if (observed < generation) {
      return Health.progressing(
          "Waiting for rollout to finish: observed replica set generation " + observed
              + " is older than generation " + generation);
    }
    // ReplicaFailure: pods cannot be created (quota exceeded, admission denied...).
    Optional<Condition> failure =
        Fields.condition(rs, "ReplicaFailure").filter(Condition::isTrue);
    if (failure.isPresent()) {
      return Health.degraded(failure.get().explanation());
    }
    long desired = Fields.number(rs, 1, "spec", "replicas");
    long available = Fields.number(rs, 0, "status", "availableReplicas");
    if (available < desired) {
      return Health.progressing(
          "Waiting for rollout to finish: " + available + " out of " + desired
              + " new replicas are available...");
    }
    return Health.healthy();
  }
}
